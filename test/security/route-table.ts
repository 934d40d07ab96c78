import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ADMIN_KEY, PUBLIC_KEY, ROLES_KEY, SIGNED_IN_KEY } from '../../backend/src/auth/auth.decorators';

export interface RouterRoute {
  method: string;
  path: string;
}

export interface AccessRule {
  public: boolean;
  roles?: string[];
  adminOnly: boolean;
  signedIn: boolean;
}

/** Every route the Express router holds, read from the router itself (Express 5: `app.router.stack`). */
export function routerRoutes(app: NestExpressApplication): RouterRoute[] {
  const server = app.getHttpAdapter().getInstance();
  const stack = (server.router ?? server._router).stack as unknown as { route?: { path: string | string[]; methods: Record<string, boolean> } }[];
  const routes: RouterRoute[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const method of Object.keys(layer.route.methods)) {
      for (const path of paths) routes.push({ method: method.toUpperCase(), path });
    }
  }
  return routes;
}

/**
 * The access rule each controller handler declares, keyed `METHOD path` as the router spells it.
 * Read from Nest's own metadata, so a route matches its rule without a hand-kept list.
 */
export function declaredRules(app: NestExpressApplication): Map<string, AccessRule> {
  const rules = new Map<string, AccessRule>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!type) continue;
      const base = asArray(Reflect.getMetadata(PATH_METADATA, type));
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler);
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const rule = (key: string) => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, type);
        const access: AccessRule = { public: !!rule(PUBLIC_KEY), roles: rule(ROLES_KEY), adminOnly: !!rule(ADMIN_KEY), signedIn: !!rule(SIGNED_IN_KEY) };
        for (const prefix of base) for (const path of asArray(paths)) rules.set(`${method} ${join(prefix, path)}`, access);
      }
    }
  }
  return rules;
}

const asArray = (v: string | string[] | undefined): string[] => (v === undefined ? [''] : Array.isArray(v) ? v : [v]);
const join = (...parts: string[]) => '/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');

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
