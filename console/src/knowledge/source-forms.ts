import type { FaqBody, FaqPair, KnowledgeLimits, SourceContent, TextBody, UrlBody } from './types';

/**
 * The add/edit forms' checks and the request body each one sends. Problems are codes; the
 * components word them. A form with problems sends nothing.
 */

export const MAX_TITLE = 200;

export type Checked<B, P> = { ok: true; body: B } | { ok: false; problems: P };

export type TextProblems = { title?: 'required' | 'tooLong'; text?: 'required' };

export function checkText(title: string, text: string): Checked<TextBody, TextProblems> {
  const problems: TextProblems = {};
  const t = title.trim();
  if (!t) problems.title = 'required';
  else if (t.length > MAX_TITLE) problems.title = 'tooLong';
  if (!text.trim()) problems.text = 'required';
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, body: { title: t, text } };
}

/** One row of the FAQ editor; `key` keeps inputs in place when a row above is removed. */
export interface FaqRow extends FaqPair {
  key: number;
}

let nextKey = 1;
export const faqRow = (pair: FaqPair = { question: '', answer: '' }): FaqRow => ({ key: nextKey++, ...pair });

export type FaqRowProblem = { question?: 'missing'; answer?: 'missing' };
export interface FaqProblems {
  title?: 'required' | 'tooLong';
  /** By row index; only rows with a problem. */
  rows?: Record<number, FaqRowProblem>;
  /** No row has both a question and an answer. */
  pairs?: 'none';
}

/**
 * Rows left wholly empty are dropped (the editor always offers a blank one); a row with only
 * a question or only an answer is a problem; at least one complete pair is needed.
 */
export function checkFaq(title: string, rows: readonly FaqPair[]): Checked<FaqBody, FaqProblems> {
  const problems: FaqProblems = {};
  const t = title.trim();
  if (!t) problems.title = 'required';
  else if (t.length > MAX_TITLE) problems.title = 'tooLong';
  const faq: FaqPair[] = [];
  const rowProblems: Record<number, FaqRowProblem> = {};
  rows.forEach((row, index) => {
    const question = row.question.trim();
    const answer = row.answer.trim();
    if (!question && !answer) return;
    if (question && answer) return void faq.push({ question, answer });
    rowProblems[index] = question ? { answer: 'missing' } : { question: 'missing' };
  });
  if (Object.keys(rowProblems).length) problems.rows = rowProblems;
  else if (faq.length === 0) problems.pairs = 'none';
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, body: { title: t, faq } };
}

export type UrlProblems = { url?: 'required' | 'url' };

/** An http(s) address; the server decides which hosts it may fetch. */
export function checkUrl(url: string, crawl: boolean): Checked<UrlBody, UrlProblems> {
  const text = url.trim();
  if (!text) return { ok: false, problems: { url: 'required' } };
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { ok: false, problems: { url: 'url' } };
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname) return { ok: false, problems: { url: 'url' } };
  return { ok: true, body: crawl ? { url: text, crawl: true } : { url: text } };
}

/** The file types the server reads (PROTOCOL §6), for the picker's `accept`. */
export const FILE_TYPES = ['.md', '.markdown', '.txt', '.html', '.htm', '.pdf', '.docx'];
export const FILE_ACCEPT = FILE_TYPES.join(',');

export type FileProblem = 'type' | 'tooBig' | 'empty';

/** Refuses here what the server would refuse anyway, so a 40 MB PDF is not sent to be told so. */
export function checkFile(file: { name: string; size: number }, limits: Pick<KnowledgeLimits, 'maxFileBytes'>): FileProblem | null {
  const dot = file.name.lastIndexOf('.');
  const ext = dot < 0 ? '' : file.name.slice(dot).toLowerCase();
  if (!FILE_TYPES.includes(ext)) return 'type';
  if (file.size === 0) return 'empty';
  if (limits.maxFileBytes > 0 && file.size > limits.maxFileBytes) return 'tooBig';
  return null;
}

/** The multipart body of one upload: the file, and its title when one was given. */
export function fileForm(file: Blob, name: string, title?: string): FormData {
  const form = new FormData();
  form.append('file', file, name);
  if (title?.trim()) form.append('title', title.trim());
  return form;
}

/** An editable source's stored content, as the text or FAQ form starts from it. */
export function formFromContent(title: string, content: SourceContent | undefined):
  | { kind: 'text'; title: string; text: string }
  | { kind: 'faq'; title: string; rows: FaqRow[] }
  | null {
  if (!content) return null;
  if ('text' in content && typeof content.text === 'string') return { kind: 'text', title, text: content.text };
  if ('faq' in content && Array.isArray(content.faq)) {
    const rows = content.faq.map((pair) => faqRow({ question: pair.question ?? '', answer: pair.answer ?? '' }));
    return { kind: 'faq', title, rows: rows.length ? rows : [faqRow()] };
  }
  return null;
}
