import { RequestMethod, Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { z } from 'zod';
import { ADMIN_KEY, FIRST_PASSWORD_KEY, PUBLIC_KEY, ROLES_KEY, SIGNED_IN_KEY } from '../auth/auth.decorators';
import { ZodPipe } from '../common/zod.pipe';
import type { TenantRole } from '../users/user.entity';
import { joinRoutePath, toOpenApiPath } from './openapi-path';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

/** Who may call a route, read from the same metadata SessionGuard reads. */
export interface Access {
  public: boolean;
  roles?: TenantRole[];
  adminOnly: boolean;
  signedIn: boolean;
  /** Reachable before the user's first password is changed (otherwise 403 until then). */
  firstPassword: boolean;
}

/** One route as the controllers declare it, with the zod schemas its pipes validate with. */
export interface DiscoveredRoute {
  method: HttpMethod;
  /** OpenAPI spelling: `/api/bots/{id}`. */
  path: string;
  /** `BotsController.get`, for error messages. */
  handler: string;
  access: Access;
  /** The status Nest answers with unless the handler writes the response itself. */
  status: number;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

const METHODS: Partial<Record<RequestMethod, HttpMethod>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
  [RequestMethod.HEAD]: 'head',
  [RequestMethod.OPTIONS]: 'options',
};

interface RouteArg {
  data?: unknown;
  pipes?: unknown[];
  schema?: unknown;
}

/** Every HTTP route of every controller the app registered. */
export function discoverRoutes(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as Type | undefined;
    if (!type?.prototype) continue;
    const prefixes = asArray(Reflect.getMetadata(PATH_METADATA, type));
    for (const name of scanner.getAllMethodNames(type.prototype)) {
      const handler = type.prototype[name] as (...args: unknown[]) => unknown;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue; // a helper method, not a route
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const method = METHODS[requestMethod];
      // A method the document cannot state (ALL, WebDAV verbs) must not vanish from it unseen.
      if (!method) throw new Error(`${type.name}.${name}: HTTP method ${RequestMethod[requestMethod]} cannot be documented`);
      const access = accessOf(reflector, [handler, type]);
      const status = (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === 'post' ? 201 : 200);
      const schemas = schemasOf(Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) as Record<string, RouteArg> | undefined);
      for (const prefix of prefixes) {
        for (const path of asArray(paths)) {
          routes.push({ method, path: toOpenApiPath(joinRoutePath(prefix, path)), handler: `${type.name}.${name}`, access, status, ...schemas });
        }
      }
    }
  }
  return routes;
}

function accessOf(reflector: Reflector, targets: [(...args: unknown[]) => unknown, Type]): Access {
  const rule = <T>(key: string) => reflector.getAllAndOverride<T | undefined>(key, targets);
  return {
    public: !!rule<boolean>(PUBLIC_KEY),
    roles: rule<TenantRole[]>(ROLES_KEY),
    adminOnly: !!rule<boolean>(ADMIN_KEY),
    signedIn: !!rule<boolean>(SIGNED_IN_KEY),
    firstPassword: !!rule<boolean>(FIRST_PASSWORD_KEY),
  };
}

/**
 * The zod schema behind each @Body/@Query/@Param, whether given to a ZodPipe or as Nest's own
 * `schema` option. Only whole-object arguments count: `@Param('file')` is a bare path parameter.
 */
function schemasOf(args: Record<string, RouteArg> | undefined): Pick<DiscoveredRoute, 'body' | 'query' | 'params'> {
  const found: Pick<DiscoveredRoute, 'body' | 'query' | 'params'> = {};
  for (const [key, arg] of Object.entries(args ?? {})) {
    const type = Number(key.split(':')[0]) as RouteParamtypes;
    const slot = type === RouteParamtypes.BODY ? 'body' : type === RouteParamtypes.QUERY ? 'query' : type === RouteParamtypes.PARAM ? 'params' : undefined;
    if (!slot || arg.data !== undefined) continue;
    const schema = zodSchemaOf(arg);
    if (schema) found[slot] = schema;
  }
  return found;
}

function zodSchemaOf(arg: RouteArg): z.ZodType | undefined {
  if (isZod(arg.schema)) return arg.schema;
  const pipe = arg.pipes?.find((p): p is ZodPipe<unknown> => p instanceof ZodPipe);
  return pipe?.schema;
}

const isZod = (value: unknown): value is z.ZodType => typeof value === 'object' && value !== null && '_zod' in value;

const asArray = (value: string | string[] | undefined): string[] => (value === undefined ? [''] : Array.isArray(value) ? value : [value]);
