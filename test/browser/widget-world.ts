import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { type AzureOpenAISimulator, DEFAULT_SIMULATOR_OPTIONS } from '../../backend/src/llm/simulator';
import { SIM_DEPLOYMENT, SIM_KEY, startSimulator } from '../support/test-app';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startHostPages, type HostPageName, type HostPages } from './host-pages';
import { freePort, launchChromium, type RunningServer, startProduct } from './support';

/**
 * One product, one browser, one simulator, one proxy and one host-page server: what a widget
 * suite needs to play a visitor on somebody else's website.
 *
 *   browser ── http://localhost:<pages> ──> host pages (the site embedding the snippet)
 *           └─ http://127.0.0.1:<proxy> ──> TCP proxy ──> the product (child process)
 *                                                          └──> the Azure OpenAI simulator (this process)
 */
export const OWNER = { email: 'owner@widget.example', password: 'widget-owner-pass' };

export interface Bot {
  id: string;
  name: string;
  publicKey: string;
  allowedOrigins: string[];
  settings: Record<string, unknown>;
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and failed requests of the page, for failure messages. */
  problems: string[];
  /** Messages of dialogs the page opened (dismissed at once). A widget never opens one. */
  dialogs: string[];
}

export interface WidgetWorld {
  browser: Browser;
  simulator: AzureOpenAISimulator;
  product: RunningServer;
  proxy: TcpProxy;
  pages: HostPages;
  /** The backend as the widget sees it: through the proxy, `http://127.0.0.1:<proxy port>`. */
  backend: string;
  bot: Bot;
  /** The owner's REST API, straight to the product (not through the proxy). */
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** PATCHes the bot and returns it; throws unless 200. */
  updateBot(patch: Record<string, unknown>): Promise<Bot>;
  /** Puts the simulator back to the world's defaults (fast, the built-in reply, no faults). */
  resetSimulator(): void;
  openHostPage(name: HostPageName, opts?: OpenOptions): Promise<OpenedPage>;
  close(): Promise<void>;
}

export interface OpenOptions {
  query?: Record<string, string | boolean | number | undefined>;
  context?: BrowserContextOptions;
  /** Scripts run in every document of the context before the page's own (CSP does not apply to them). */
  initScripts?: string[];
  /** Do not navigate: only create the context and page. */
  noNavigate?: boolean;
}

/** Fast enough to keep suites short, slow enough to see a reply stream. */
export const FAST = { ttftMs: 10, tokensPerSecond: 400 };

/**
 * A suite's world: started before its tests, closed after them, the simulator reset before each.
 * `set` receives it once started.
 */
export function withWidgetWorld(set: (world: WidgetWorld) => void): void {
  let world: WidgetWorld | undefined;
  beforeAll(async () => {
    world = await startWidgetWorld();
    set(world);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });
  beforeEach(() => world?.resetSimulator());
}

export async function startWidgetWorld(opts: { botSettings?: Record<string, unknown>; env?: Record<string, string> } = {}): Promise<WidgetWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-widget-'));
  const cleanups: Array<() => Promise<unknown> | void> = [() => rmSync(dataDir, { recursive: true, force: true })];
  const close = async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch {
        /* keep cleaning */
      }
    }
  };
  try {
    const { simulator, url: simulatorUrl } = await startSimulator();
    cleanups.push(() => simulator.stop());
    simulator.configure(FAST);
    const port = await freePort();
    const [launched, started] = await Promise.allSettled([
      launchChromium(),
      startProduct(port, {
        AZURE_OPENAI_ENDPOINT: simulatorUrl,
        AZURE_OPENAI_API_KEY: SIM_KEY,
        AZURE_OPENAI_DEPLOYMENT: SIM_DEPLOYMENT,
        AZURE_OPENAI_API_VERSION: '2024-10-21',
        ADMIN_EMAIL: OWNER.email,
        ADMIN_PASSWORD: OWNER.password,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // Every visitor of a suite comes from 127.0.0.1: the per-IP limits meant for the public
        // internet would refuse the later tests' handshakes.
        RATE_IP_CONNECTIONS_PER_MINUTE: '1000',
        RATE_IP_NEW_VISITORS_PER_HOUR: '1000',
        // A reply left streaming by a failed test must not hold up afterAll.
        SHUTDOWN_GRACE_MS: '1000',
        ...opts.env,
      }),
    ]);
    if (started.status === 'fulfilled') cleanups.push(() => started.value.stop());
    if (launched.status === 'fulfilled') cleanups.push(() => launched.value.close());
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    const browser = launched.value;
    const product = started.value;
    const proxy = await startTcpProxy(port);
    cleanups.push(() => proxy.close());
    const backend = `http://127.0.0.1:${proxy.port}`;

    // Sign in as the owner, with the Origin a browser on the console would send.
    const login = await fetch(product.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: product.url },
      body: JSON.stringify(OWNER),
    });
    if (login.status !== 200) throw new Error(`owner sign-in answered ${login.status}: ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    const api = async <T = any>(method: string, path: string, body?: unknown) => {
      const res = await fetch(product.url + path, {
        method,
        headers: { Cookie: cookie, Origin: product.url, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed as T };
    };

    const bots = await api<{ bots: Bot[] }>('GET', '/api/bots');
    if (bots.status !== 200 || !bots.body.bots?.length) throw new Error(`GET /api/bots answered ${bots.status}: ${JSON.stringify(bots.body)}`);
    let bot = bots.body.bots[0];

    // The host pages need the bot's key, the bot needs the host pages' origin: start them first.
    const pages = await startHostPages({ backend, bot: bot.publicKey });
    cleanups.push(() => pages.close());

    const updateBot = async (patch: Record<string, unknown>) => {
      const res = await api<Bot>('PATCH', `/api/bots/${bot.id}`, patch);
      if (res.status !== 200) throw new Error(`PATCH /api/bots/${bot.id} ${JSON.stringify(patch)} answered ${res.status}: ${JSON.stringify(res.body)}`);
      const updated = ((res.body as unknown as { bot?: Bot }).bot ?? res.body) as Bot;
      bot = { ...bot, ...updated };
      world.bot = bot;
      return bot;
    };

    const openHostPage = async (name: HostPageName, o: OpenOptions = {}): Promise<OpenedPage> => {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 }, ...o.context });
      for (const script of o.initScripts ?? []) await context.addInitScript(script);
      const page = await context.newPage();
      const problems: string[] = [];
      const dialogs: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
      page.on('dialog', (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss().catch(() => undefined);
      });
      if (!o.noNavigate) await page.goto(pages.url(name, o.query));
      return { context, page, problems, dialogs };
    };

    const world: WidgetWorld = {
      browser,
      simulator,
      product,
      proxy,
      pages,
      backend,
      bot,
      api,
      updateBot,
      resetSimulator() {
        simulator.clearFaults();
        simulator.configure({ ...FAST, reply: undefined, azureTokensPerChunk: DEFAULT_SIMULATOR_OPTIONS.azureTokensPerChunk });
      },
      openHostPage,
      close,
    };
    // Only the host pages' origin: the backend's own origin is not where this widget lives.
    await updateBot({ allowedOrigins: [pages.origin], settings: { locale: 'en', ...opts.botSettings } });
    return world;
  } catch (error) {
    await close();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Inside the widget. Playwright's CSS locators pierce open shadow roots; the host is #customchat-root.

export const sel = {
  root: '#customchat-root',
  launcher: '[data-testid="cc-launcher"]',
  panel: '[data-testid="cc-panel"]',
  input: '[data-testid="cc-input"]',
  send: '[data-testid="cc-send"]',
  stop: '[data-testid="cc-stop"]',
  newConversation: '[data-testid="cc-new"]',
  close: '[data-testid="cc-close"]',
  message: '[data-testid="cc-message"]',
  user: '[data-testid="cc-message"][data-role="user"]',
  assistant: '[data-testid="cc-message"][data-role="assistant"]',
  retry: '[data-testid="cc-retry"]',
  up: '[data-testid="cc-feedback-up"]',
  down: '[data-testid="cc-feedback-down"]',
  notice: '[data-testid="cc-notice"]',
  live: '[data-testid="cc-live"]',
  greeting: '[data-testid="cc-greeting"]',
  suggestion: '[data-testid="cc-suggestion"]',
  body: '.cc-body',
} as const;

export function widget(page: Page) {
  const at = (s: string): Locator => page.locator(s);
  return {
    launcher: at(sel.launcher),
    panel: at(sel.panel),
    input: at(sel.input),
    send: at(sel.send),
    stop: at(sel.stop),
    newConversation: at(sel.newConversation),
    close: at(sel.close),
    messages: at(sel.message),
    users: at(sel.user),
    assistants: at(sel.assistant),
    lastAssistant: at(sel.assistant).last(),
    lastUser: at(sel.user).last(),
    notice: at(sel.notice),
    live: at(sel.live),
  };
}

/** Waits until the panel is open and the session has arrived (no connecting/offline/refused notice). */
export async function waitReady(page: Page, timeout = 20_000): Promise<void> {
  await page.locator(sel.panel).waitFor({ state: 'visible', timeout });
  try {
    await page.waitForFunction(
      () => {
        const root = document.querySelector('#customchat-root')?.shadowRoot;
        const panel = root?.querySelector<HTMLElement>('[data-testid="cc-panel"]');
        if (!root || !panel || panel.hidden) return false;
        const notices = Array.from(root.querySelectorAll<HTMLElement>('[data-testid="cc-notice"]'));
        return !notices.some((n) => ['connecting', 'offline', 'refused'].includes(n.dataset.phase ?? '') && n.checkVisibility());
      },
      null,
      { timeout },
    );
  } catch (error) {
    const notice = await page.locator(sel.notice).allTextContents().catch(() => []);
    throw new Error(`the widget did not become ready (notice: ${JSON.stringify(notice)}): ${(error as Error).message}`);
  }
}

/** Clicks the launcher and waits for the session. */
export async function openChat(page: Page): Promise<void> {
  await page.locator(sel.launcher).click();
  await waitReady(page);
}

/** Types `text` and presses Enter; waits until the visitor's message is on screen. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const before = await page.locator(sel.user).count();
  await page.locator(sel.input).fill(text);
  await page.locator(sel.input).press('Enter');
  await page.waitForFunction(
    ([selector, n]) => (document.querySelector('#customchat-root')?.shadowRoot?.querySelectorAll(selector as string).length ?? 0) > (n as number),
    [sel.user, before] as const,
    { timeout: 10_000 },
  );
}

/**
 * Waits until the conversation ends with an assistant message in one of `statuses` (so a reply
 * to a message just sent, not the one before it); returns its status.
 */
export async function waitForLastReply(page: Page, statuses: string[] = ['complete'], timeout = 30_000): Promise<string> {
  try {
    const handle = await page.waitForFunction(
      (wanted) => {
        const all = document.querySelector('#customchat-root')?.shadowRoot?.querySelectorAll<HTMLElement>('[data-testid="cc-message"]');
        const last = all?.[all.length - 1];
        return last && last.dataset.role === 'assistant' && wanted.includes(last.dataset.status ?? '') ? last.dataset.status : false;
      },
      statuses,
      { timeout },
    );
    return (await handle.jsonValue()) as string;
  } catch (error) {
    const status = await page.locator(sel.assistant).last().getAttribute('data-status', { timeout: 1000 }).catch(() => 'none');
    throw new Error(`the last reply did not reach ${statuses.join('|')} (it is ${status}): ${(error as Error).message}`);
  }
}

/** The text of a message's body as the visitor reads it. */
export async function bodyText(message: Locator): Promise<string> {
  return ((await message.locator(sel.body).first().textContent()) ?? '').trim();
}

/** Runs `fn` in the page with the widget's shadow root (throws when there is none). */
export async function inShadow<T, A = undefined>(page: Page, fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T> {
  const root = await page.evaluateHandle(() => document.querySelector('#customchat-root')?.shadowRoot ?? null);
  try {
    if (!(await root.evaluate((r) => r !== null))) throw new Error('no #customchat-root shadow root on the page');
    return (await root.evaluate(fn as never, arg as never)) as T;
  } finally {
    await root.dispose();
  }
}

/** The owner's view of the bot's conversations: every transcript, newest first. */
export async function transcripts(world: WidgetWorld): Promise<Array<{ id: string; messages: Array<{ id: string; role: string; text: string; status: string }> }>> {
  const list = await world.api<{ conversations: Array<{ id: string }> }>('GET', `/api/conversations?bot=${world.bot.id}&limit=100`);
  if (list.status !== 200) throw new Error(`GET /api/conversations answered ${list.status}: ${JSON.stringify(list.body)}`);
  const out = [];
  for (const { id } of list.body.conversations) {
    const one = await world.api<{ messages: Array<{ id: string; role: string; text: string; status: string }> }>('GET', `/api/conversations/${id}`);
    if (one.status !== 200) throw new Error(`GET /api/conversations/${id} answered ${one.status}`);
    out.push({ id, messages: one.body.messages });
  }
  return out;
}

/** Polls `fn` until it returns a truthy value, or throws `message()` after `timeout` ms. */
export async function eventually<T>(
  fn: () => Promise<T> | T,
  message: () => string | Promise<string>,
  timeout = 15_000,
): Promise<Exclude<T, undefined | null | false | 0 | ''>> {
  const until = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as Exclude<T, undefined | null | false | 0 | ''>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`${await message()}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A reply of `words` plain words (no Markdown characters), distinct per call. */
export function plainReply(words: number, tag = Math.random().toString(36).slice(2, 7)): string {
  const vocabulary = ['river', 'mountain', 'garden', 'lantern', 'harbor', 'meadow', 'orchard', 'valley', 'thunder', 'pebble', 'willow', 'ember'];
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(`${vocabulary[i % vocabulary.length]}${i}`);
  return `Start ${tag} ${out.join(' ')} end ${tag}.`;
}
