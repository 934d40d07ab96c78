import type { z } from 'zod';
import type { ZodOpenApiContentObject } from 'zod-openapi';

/** Error statuses a route may answer beyond those the document derives from the route itself. */
export type ExtraErrorStatus = 400 | 401 | 404 | 409 | 429 | 503;

/**
 * What the code cannot say about a route: its purpose and its success answer. The rest — method,
 * path, parameters, body and query schemas, who may call it, 400/401/403/404 — is read from the
 * controllers and their pipes (route-discovery.ts).
 */
export interface RouteDescription {
  tag: string;
  summary: string;
  description?: string;
  success: {
    /** When the handler writes its own answer with another status than Nest's default. */
    status?: number;
    description: string;
    content?: ZodOpenApiContentObject;
  };
  errors?: Partial<Record<ExtraErrorStatus, string>>;
  /** For a public route that checks something of its own (the metrics token). */
  security?: Record<string, string[]>[];
}

export const json = (schema: z.ZodType): ZodOpenApiContentObject => ({ 'application/json': { schema } });

/** A body that is not JSON (a page, a script, a stream); described in words. */
export const typed = (mediaType: string, description?: string): ZodOpenApiContentObject => ({
  [mediaType]: { schema: { type: 'string', ...(description ? { description } : {}) } },
});
