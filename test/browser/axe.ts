import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's browser script, read once. */
let source: string | undefined;
const axeSource = () => (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  /** Each failing element: its selector (shadow hosts first) and axe's summary of what is wrong. */
  nodes: string[];
}

/**
 * Runs axe-core on the whole document (open shadow roots included, so the widget inside
 * #customchat-root is checked too) and returns the serious and critical violations.
 */
export async function seriousViolations(page: Page, label = ''): Promise<AxeFinding[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact as string,
        help: v.help,
        nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
      }));
  });
  return label ? found.map((f) => ({ ...f, help: `[${label}] ${f.help}` })) : found;
}

/** Readable lines for a failure message. */
export function describeFindings(findings: AxeFinding[]): string {
  return findings.map((f) => `${f.impact} ${f.id}: ${f.help}\n    ${f.nodes.join('\n    ')}`).join('\n');
}
