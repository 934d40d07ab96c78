import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Access, discoverRoutes } from '../../backend/src/openapi/route-discovery';
import { toOpenApiPath } from '../../backend/src/openapi/openapi-path';

export { routerRoutes, type RouterRoute } from '../support/router-routes';
export type AccessRule = Access;

/**
 * The access rule each controller handler declares (the metadata SessionGuard reads), keyed
 * `METHOD path` in the OpenAPI spelling; `ruleKey` turns a router route into that key.
 */
export function declaredRules(app: NestExpressApplication): Map<string, AccessRule> {
  const routes = discoverRoutes(app.get(DiscoveryService), app.get(MetadataScanner), app.get(Reflector));
  return new Map(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r.access]));
}

export const ruleKey = (method: string, routerPath: string) => `${method} ${toOpenApiPath(routerPath)}`;

/** Other spellings of one path that a lenient router, or a guard that compares strings, would treat as it. */
export function spellings(path: string): string[] {
  const segments = path.split('/');
  const firstLetter = path.search(/[a-z]/);
  const out = [
    path.toUpperCase(),
    segments.map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join('/'),
    path.replace(/\/(?=[^/]*$)/, '%2F'),
    path.replace(/\/(?=[^/]*$)/, '%2f'),
    firstLetter >= 0 ? path.slice(0, firstLetter) + '%' + path.charCodeAt(firstLetter).toString(16) + path.slice(firstLetter + 1) : path + '%20',
    '/' + path,
    path.replace(/\/(?=[^/]*$)/, '//'),
    path + '/',
    path + '/.',
    path.replace(/^\/api\//, '/api/./'),
    path.replace(/^\/api\//, '/x/../api/'),
  ];
  return [...new Set(out)].filter((p) => p !== path);
}
