import type { Page } from 'playwright-core';
import { productDatabase } from '../support/database';
import { requireBuiltConsole } from './console-product';
import { describeWithChromium } from './support';
import { bodyText, openChat, OWNER, sendMessage, startWidgetWorld, waitForLastReply, widget, type WidgetWorld } from './widget-world';

/** A clinic's page, written for this test: the H1 becomes the source's title, each H2 a section of its own. */
const TITLE = 'Sunny Smile Dental Clinic';
const FILE_NAME = 'sunny-smile.md';
const DOCUMENT = `# ${TITLE}

A family practice on Lotus Road, next to the flower market.

## Opening hours

Monday to Friday from 8:30 to 18:00, Saturday from 9:00 to 13:00. Closed on Sundays and public holidays.

## Prices

A dental cleaning costs 300 yuan. A filling costs 500 yuan and a tooth extraction 400 yuan.
Payment by card or cash at the front desk.
`;
const QUESTION = 'How much is a dental cleaning?';

/**
 * The knowledge journey (PROTOCOL §6): an owner uploads a document in the console's Knowledge tab
 * and watches it become ready; tests a question there; a visitor on somebody else's website asks
 * the same question and gets an answer citing it as [1], with the document in its Sources; the
 * owner finds those Sources again in the transcript.
 *
 * The model is the Azure OpenAI simulator of the widget world, whose default reply quotes the best
 * passage it was given and cites it. With DATABASE_URL (CI) the product runs on a PostgreSQL
 * database of this file's own (no pgvector: keyword search re-ranked); without, on PGlite (hybrid).
 */
describeWithChromium('an owner gives the bot a document, a visitor gets an answer citing it', () => {
  let world: WidgetWorld;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    requireBuiltConsole();
    const database = await productDatabase();
    dropDatabase = database.drop;
    const env = { ...database.env, JOBS_POLL_SECONDS: '0.5' };
    world = await startWidgetWorld({ env });
  }, 120_000);

  afterAll(async () => {
    await world?.close();
    await dropDatabase?.();
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(world.product.url + '/console');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('uploads, becomes ready, is found by a test question, and is cited in the widget and the transcript', async () => {
    // 1. The owner uploads the document through the drop zone's file input and watches it become ready.
    const owner = await (await world.browser.newContext({ locale: 'en-US' })).newPage();
    const problems = watch(owner);
    await signIn(owner);
    await owner.getByRole('link', { name: 'Bots' }).click();
    await owner.locator('table a').first().click();
    await owner.getByRole('link', { name: 'Knowledge', exact: true }).click();
    await owner.locator('.knowledge-panel').waitFor();
    await owner.getByLabel('Choose files…').setInputFiles({ name: FILE_NAME, mimeType: 'text/markdown', buffer: Buffer.from(DOCUMENT, 'utf8') });
    await owner.locator('.upload', { hasText: FILE_NAME }).locator('.badge', { hasText: 'Added, indexing' }).waitFor();
    await owner.locator('.knowledge-panel [role="status"]', { hasText: `“${FILE_NAME}” added; it is being indexed.` }).waitFor();

    // The list polls while the source is queued or indexing; indexed, it is titled by its heading.
    const row = owner.locator('table.knowledge-sources tbody tr', { has: owner.locator('.source-title', { hasText: FILE_NAME }) });
    await row.locator('.badge', { hasText: 'Ready' }).waitFor({ timeout: 30_000 });
    expect(await row.locator('.source-title > span').first().textContent()).toBe(TITLE);
    expect(await row.locator('td').first().textContent()).toBe('File');
    // One chunk per section: the introduction, the opening hours, the prices.
    expect(await row.locator('td.num').textContent()).toBe('3');

    // 2. "Test a question": the prices passage comes first, with its title, excerpt and score.
    const test = owner.locator('section.knowledge-test');
    await test.getByLabel('Question').fill(QUESTION);
    await test.getByRole('button', { name: 'Search' }).click();
    const best = test.locator('.search-result').first();
    await best.waitFor();
    expect(await best.locator('.result-rank').textContent()).toBe('#1');
    expect(await best.locator('.result-title').textContent()).toBe(TITLE);
    expect(await best.locator('.chunk-path').textContent()).toContain('Prices');
    expect(await best.locator('.result-excerpt').textContent()).toContain('A dental cleaning costs 300 yuan.');
    expect(await best.locator('.result-score').textContent()).toMatch(/^Score \d+\.\d{3} · similarity \d\.\d{3}$/);
    // Why an answer used what it used: the best result is the passage an answer would be given first.
    expect(await best.locator('.result-given').textContent()).toBe('Given to the answer as [1]');
    expect(await test.locator('p.muted.small', { hasText: 'found' }).textContent()).toMatch(/^\d+ passages? found · Search: (hybrid|keywords, re-ranked)$/);

    // 3. A visitor on the host page asks the same question; the answer cites the document as [1].
    const { page: visitor, problems: visitorProblems, dialogs } = await world.openHostPage('plain');
    const w = widget(visitor);
    await openChat(visitor);
    await sendMessage(visitor, QUESTION);
    expect(await waitForLastReply(visitor)).toBe('complete');
    const answer = w.lastAssistant;
    const text = await bodyText(answer);
    expect(text).toContain(TITLE);
    expect(text).toContain('A dental cleaning costs 300 yuan.');
    expect(text).toMatch(/\[1\]$/);

    const citation = answer.locator('.cc-cite');
    expect(await citation.count()).toBe(1);
    expect(await citation.textContent()).toBe('[1]');
    expect(await citation.getAttribute('aria-label')).toMatch(new RegExp(`^Source 1: ${TITLE}\\b`));
    const sources = answer.locator('[data-testid="cc-sources"]');
    expect(await sources.locator('p').textContent()).toBe('Sources');
    const entry = sources.locator('li[data-n="1"]');
    expect(await entry.textContent()).toMatch(new RegExp(`^1\\. ${TITLE}\\b`));
    expect(await entry.getAttribute('class')).toBe('cc-cited');
    expect(await entry.getAttribute('title')).toContain('300 yuan');

    // Clicking the citation takes the visitor to its entry, which takes the focus (and its outline).
    await citation.click();
    await visitor.waitForFunction(
      () => (document.querySelector('#customchat-root')?.shadowRoot?.activeElement as HTMLElement | null)?.dataset?.n === '1',
      null,
      { timeout: 5_000 },
    );
    expect(await entry.evaluate((el) => el.matches(':focus') && getComputedStyle(el).outlineStyle)).toBe('solid');

    // 4. The owner opens the conversation's transcript and finds the answer's Sources, with the passage.
    await owner.getByRole('link', { name: 'Conversations' }).click();
    const conversation = owner.locator('.conversation-row', { hasText: QUESTION });
    await conversation.waitFor();
    await conversation.locator('a').click();
    const bot = owner.locator('.message.from-bot');
    await bot.locator('.answer-sources').waitFor();
    expect(await bot.locator('.answer-sources-title').textContent()).toBe('Sources');
    const stored = bot.locator('.answer-source').first();
    expect(await stored.locator('summary').textContent()).toMatch(new RegExp(`^\\[1\\] ${TITLE}\\b.* · score \\d+\\.\\d{3}$`));
    await stored.locator('summary').click();
    const excerpt = stored.locator('.answer-source-excerpt');
    await excerpt.waitFor();
    expect(await excerpt.textContent()).toContain('A dental cleaning costs 300 yuan.');

    expect(problems).toEqual([]);
    expect(visitorProblems).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('dialog', (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && problems.push(`CSP: ${m.text()}`));
  return problems;
}
