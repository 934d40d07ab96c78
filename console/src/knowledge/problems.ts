import type { Strings } from '../i18n';
import { MAX_TITLE } from './source-forms';

/** A title problem in the reader's language. */
export function titleProblem(t: Strings, problem: 'required' | 'tooLong' | undefined): string | undefined {
  if (problem === 'required') return t.form.required;
  if (problem === 'tooLong') return t.knowledge.titleTooLong(MAX_TITLE);
  return undefined;
}
