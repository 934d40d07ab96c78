import type { NestExpressApplication } from '@nestjs/platform-express';

export interface RouterRoute {
  method: string;
  /** As the router holds it: `/api/bots/:id`, `/console/*path`. */
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * Every route the Express router holds, read from the router itself (Express 5: `app.router`,
 * Express 4: `app._router`) — not from Nest's metadata, which is what the document is built from.
 */
export function routerRoutes(app: NestExpressApplication): RouterRoute[] {
  const server = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (server.router ?? server._router)?.stack;
  if (!stack) throw new Error('the Express router has no stack to read');
  return stack.flatMap(({ route }) => {
    if (!route) return []; // middleware, not a route
    const paths = Array.isArray(route.path) ? route.path : [route.path];
    return Object.keys(route.methods).flatMap((method) => paths.map((path) => ({ method: method.toUpperCase(), path })));
  });
}
