import type { Rule, RuleAction } from '../inbox/types';

/** One rule as the editor holds it; `key` keeps the row's inputs (and focus) through a reorder. */
export interface RuleRow {
  key: number;
  by: 'keywords' | 'pattern';
  keywords: string;
  pattern: string;
  action: RuleAction;
  answer: string;
}

export type RuleProblem = 'keywords' | 'pattern' | 'answer';

let keys = 0;

export function newRow(): RuleRow {
  return { key: ++keys, by: 'keywords', keywords: '', pattern: '', action: 'answer', answer: '' };
}

/** Keywords as typed: separated by commas (ASCII or Chinese), 、 or new lines; blanks and repeats dropped. */
export function splitKeywords(text: string): string[] {
  return [...new Set(text.split(/[,，、\n]/).map((k) => k.trim()).filter(Boolean))];
}

export function rowsFromRules(rules: Rule[]): RuleRow[] {
  return rules.map((rule) => ({
    ...newRow(),
    by: rule.match.pattern !== undefined && !rule.match.keywords?.length ? 'pattern' : 'keywords',
    keywords: (rule.match.keywords ?? []).join(', '),
    pattern: rule.match.pattern ?? '',
    action: rule.action,
    answer: rule.answer ?? '',
  }));
}

/**
 * What is wrong, by row index. The pattern's syntax is the server's to judge (RE2, which is
 * not JavaScript's RegExp): its 400 names the rule.
 */
export function validateRows(rows: RuleRow[]): Record<number, RuleProblem> {
  const problems: Record<number, RuleProblem> = {};
  rows.forEach((row, i) => {
    if (row.by === 'keywords' && splitKeywords(row.keywords).length === 0) problems[i] = 'keywords';
    else if (row.by === 'pattern' && !row.pattern.trim()) problems[i] = 'pattern';
    else if (row.action === 'answer' && !row.answer.trim()) problems[i] = 'answer';
  });
  return problems;
}

/** The `PUT` body's rules, in the order shown (the first match wins). An alert says nothing to the visitor. */
export function rulesFromRows(rows: RuleRow[]): Rule[] {
  return rows.map((row) => {
    const rule: Rule = {
      match: row.by === 'keywords' ? { keywords: splitKeywords(row.keywords) } : { pattern: row.pattern.trim() },
      action: row.action,
    };
    const answer = row.answer.trim();
    if (answer && row.action !== 'alert') rule.answer = answer;
    return rule;
  });
}

/** Moves a row up (-1) or down (+1); out of range changes nothing. */
export function moveRow<T>(rows: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return rows;
  const next = [...rows];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/**
 * The server's 400 (`rules.2.match.pattern: invalid pattern: missing )`) by row index, so the
 * row can be marked; what names no rule stays under -1.
 */
export function serverProblems(message: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const part of message.split(/;\s+/)) {
    const match = /^rules\.(\d+)(?:\.[\w.]+)?:\s*(.+)$/.exec(part.trim());
    const index = match ? Number(match[1]) : -1;
    const text = match ? match[2] : part.trim();
    if (text) out[index] = out[index] ? `${out[index]}; ${text}` : text;
  }
  return out;
}

export function sameRules(a: Rule[], b: Rule[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
