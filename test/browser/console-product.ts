/**
 * What the console's browser tests share: the built console required, the product started with a
 * first account on a fresh DATA_DIR, and a visitor of the demo bot asking through the socket.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { collectReply, connectVisitor, emitAck } from '../support/visitor';
import { freePort, launchChromium, type RunningServer, startProduct } from './support';

/** Browser tests drive the built console: fail at once, saying how, when it is not there. */
export function requireBuiltConsole(): void {
  if (!existsSync(join(__dirname, '..', '..', 'dist', 'console', 'index.html'))) throw new Error('dist/console is missing: npm run build');
}

/**
 * Chromium and the product (demo model) on a free port with a fresh DATA_DIR named after `name`,
 * its first account `admin`; `tokensPerSecond` paces the demo replies (none: the product's own pace).
 */
export async function startConsoleProduct(
  name: string,
  admin: { email: string; password: string },
  options: { tokensPerSecond?: number } = {},
): Promise<[Browser, RunningServer]> {
  requireBuiltConsole();
  const env: Record<string, string> = {
    DATA_DIR: mkdtempSync(join(tmpdir(), `cc-${name}-`)),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'warn',
    ...(options.tokensPerSecond ? { DEMO_TTFT_MS: '20', DEMO_TOKENS_PER_SECOND: String(options.tokensPerSecond) } : {}),
  };
  return Promise.all([launchChromium(), startProduct(await freePort(), env)]);
}

/** The demo bot's public key, as the demo page's snippet shows it. */
export async function demoBotKey(server: RunningServer): Promise<string> {
  return /data-bot="(pk_[\w]+)"/.exec(await (await fetch(server.url + '/')).text())![1];
}

/** A visitor of the demo bot (allowed on the product's own origin) asks `text` and gets an answer. */
export async function visitorAsks(server: RunningServer, text: string): Promise<void> {
  const { socket } = await connectVisitor(server.url, { bot: await demoBotKey(server), origin: server.url });
  const reply = collectReply(socket);
  const ack = await emitAck(socket, 'message:send', { clientId: 'c1', text });
  expect(ack.ok).toBe(true);
  await reply;
  socket.disconnect();
}
