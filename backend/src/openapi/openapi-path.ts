/**
 * Router paths and OpenAPI paths name the same route differently: Express writes `:id` and a
 * wildcard `*path`, OpenAPI writes `{id}` and has no wildcard (a `{path}` parameter that may hold
 * slashes, said so in the operation's description). One function, so the document and the test
 * that compares it with the router agree on the spelling.
 */
export function toOpenApiPath(routerPath: string): string {
  return routerPath.replace(/[:*]([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** The names of a path's parameters, in order: `/api/bots/{id}/roles/{version}` → id, version. */
export function pathParams(openApiPath: string): string[] {
  return [...openApiPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

/** A controller prefix and a handler path joined as Nest joins them: one leading slash, none trailing. */
export function joinRoutePath(prefix: string, path: string): string {
  return '/' + [prefix, path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
}

/** The key one route has in the document's descriptions and in the tests: `GET /api/bots/{id}`. */
export const routeKey = (method: string, openApiPath: string) => `${method.toUpperCase()} ${openApiPath}`;
