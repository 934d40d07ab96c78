import { z } from 'zod';
import { patternProblem } from './rule-matcher';

const rule = z
  .strictObject({
    match: z
      .strictObject({
        keywords: z.array(z.string().trim().min(1, 'must not be empty').max(100)).max(50).optional(),
        pattern: z.string().min(1, 'must not be empty').max(500).optional(),
      })
      .refine((m) => (m.keywords?.length ?? 0) > 0 || m.pattern !== undefined, 'needs keywords or a pattern'),
    action: z.enum(['answer', 'handoff', 'alert']),
    answer: z.string().trim().min(1, 'must not be empty').max(2000).optional(),
  })
  .superRefine((r, ctx) => {
    const problem = r.match.pattern !== undefined ? patternProblem(r.match.pattern) : undefined;
    if (problem) ctx.addIssue({ code: 'custom', path: ['match', 'pattern'], message: problem });
    if (r.action === 'answer' && !r.answer) ctx.addIssue({ code: 'custom', path: ['answer'], message: 'an answer rule needs its answer' });
  });

/** PUT /api/bots/:id/rules: the whole list, in the order they are checked. */
export const putRulesSchema = z.strictObject({ rules: z.array(rule).max(100) });
export type PutRulesDto = z.infer<typeof putRulesSchema>;
