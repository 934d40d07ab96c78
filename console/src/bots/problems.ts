import type { Strings } from '../i18n';
import type { Problem } from './bot-form';

/** A form problem in the reader's language. */
export function problemText(t: Strings, problem: Problem | undefined): string | undefined {
  if (!problem) return undefined;
  switch (problem.kind) {
    case 'required':
      return t.form.required;
    case 'origins':
      return problem.lines.map((l) => t.bots.badOrigin(l.line, l.text)).join(' ');
    case 'color':
      return t.bots.badColor;
    case 'number':
      return problem.integer ? t.form.integerBetween(problem.min, problem.max) : t.form.numberBetween(problem.min, problem.max);
    case 'url':
      return t.form.url;
    case 'deployment':
      return t.bots.badDeployment;
    case 'model':
      return t.bots.badModel;
    case 'provider':
      return t.bots.providerNeeded;
    case 'tooLong':
      return t.form.tooLong(problem.max);
    case 'suggestions':
      return t.bots.badSuggestions(problem.max, problem.maxLength);
  }
}
