import { z } from 'zod';

const title = z.string().trim().min(1, 'must not be empty').max(200);
/** Pasted text: up to what the JSON body allows (1 MB). */
const text = z.string().trim().min(1, 'must not be empty').max(500_000);
const faq = z
  .array(
    z.strictObject({
      question: z.string().trim().min(1, 'must not be empty').max(1000),
      answer: z.string().trim().min(1, 'must not be empty').max(10_000),
    }),
  )
  .min(1, 'needs at least one question and answer')
  .max(500);

export const textSourceSchema = z.strictObject({ title, text });
export const faqSourceSchema = z.strictObject({ title, faq });
export const urlSourceSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2000),
  crawl: z.boolean().optional(),
});

/** POST /api/bots/:id/knowledge as JSON: pasted text, an FAQ, or a URL (a file comes as multipart). */
export const createSourceSchema = z.union([textSourceSchema, faqSourceSchema, urlSourceSchema], {
  error: 'send { title, text }, { title, faq: [{ question, answer }] } or { url, crawl? } — or a file as multipart field "file"',
});
/** PUT …/:sourceId: new content for a text or FAQ source — `text` or `faq`, not both. */
export const replaceSourceSchema = z
  .strictObject({ title, text: text.optional(), faq: faq.optional() })
  .refine((b) => (b.text === undefined) !== (b.faq === undefined), { error: 'send { title, text } or { title, faq }', path: ['body'] })
  .transform((b): { title: string; text: string } | { title: string; faq: { question: string; answer: string }[] } => (b.faq !== undefined ? { title: b.title, faq: b.faq } : { title: b.title, text: b.text! }));
/** The multipart form's other field. */
export const uploadFieldsSchema = z.strictObject({ title: title.optional() });

export const sourceParamsSchema = z.strictObject({ id: z.guid(), sourceId: z.guid() });
export const searchSchema = z.strictObject({
  query: z.string().trim().min(1, 'must not be empty').max(2000),
  limit: z.number().int().min(1).max(20).optional(),
});

export type CreateSourceDto = z.infer<typeof createSourceSchema>;
export type ReplaceSourceDto = z.infer<typeof replaceSourceSchema>;
export type SearchDto = z.infer<typeof searchSchema>;
