import { RE2JS } from 're2js';
import type { Rule } from './staff.events';

/** Longest text a pattern is matched against; RE2 is linear in it, so this bounds each match. */
const MAX_MATCHED_CHARS = 4000;

export interface CompiledRule {
  rule: Rule;
  test(text: string): boolean;
}

/**
 * Why a pattern cannot be used, or undefined. Patterns are RE2 syntax (no backreferences or
 * lookaround), matched in linear time, so no pattern can stall the server however it is written.
 */
export function patternProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    return undefined;
  } catch (error) {
    return `invalid pattern: ${(error as Error).message}`;
  }
}

/** Keywords match as case-insensitive substrings (Chinese has no word boundaries); a pattern anywhere in the text. */
export function compileRules(rules: Rule[]): CompiledRule[] {
  return rules.map((rule) => {
    const keywords = (rule.match.keywords ?? []).map((k) => k.toLowerCase()).filter(Boolean);
    const pattern = rule.match.pattern ? RE2JS.compile(rule.match.pattern, RE2JS.CASE_INSENSITIVE) : undefined;
    return {
      rule,
      test(text: string) {
        const lower = text.toLowerCase();
        if (keywords.some((k) => lower.includes(k))) return true;
        return pattern ? pattern.matcher(text.slice(0, MAX_MATCHED_CHARS)).find() : false;
      },
    };
  });
}

/** The first rule that matches, in the owner's order. */
export function firstMatch(rules: CompiledRule[], text: string): Rule | undefined {
  return rules.find((r) => r.test(text))?.rule;
}
