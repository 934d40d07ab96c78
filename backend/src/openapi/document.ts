import { z } from 'zod';
import { createDocument, ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { SESSION_COOKIE } from '../auth/auth-user';
import { forbiddenReasons, rolesOf, whoMayCall } from './access-text';
import { pathParams, routeKey } from './openapi-path';
import { errorSchema } from './response-schemas';
import type { DiscoveredRoute } from './route-discovery';
import { json, RouteDescription } from './route-description';

export type OpenApiDocument = ReturnType<typeof createDocument>;

const INTRO = [
  'The REST API of the staff console. Sign in with `POST /api/auth/login`; the answer sets the',
  `\`${SESSION_COOKIE}\` cookie, which every other /api route needs (the \`session\` security scheme).`,
  'Roles: `owner` configures a tenant, `agent` reads and annotates its conversations, `admin` runs the',
  "installation. Each operation's `x-roles` lists who may call it. Another tenant's data answers 404.",
  'Errors are `{ statusCode, error, message }`; a 400 names the bad field. The widget talks Socket.IO, not this API.',
].join(' ');

/**
 * The OpenAPI 3.1 document of every route the controllers declare. Requests come from the zod
 * schemas the pipes validate with; who may call a route from its access decorators; a route
 * without a description is still listed (marked `x-undescribed`), never dropped.
 */
export function buildOpenApiDocument(routes: DiscoveredRoute[], descriptions: Record<string, RouteDescription>, version: string): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  const operationIds = new Map<string, number>();
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    // Express would only ever reach the first of two handlers for one method and path.
    if (item[route.method]) throw new Error(`${routeKey(route.method, route.path)} is declared twice (${route.handler})`);
    const seen = operationIds.get(route.handler) ?? 0;
    operationIds.set(route.handler, seen + 1);
    const operationId = seen ? `${route.handler}_${seen + 1}` : route.handler;
    item[route.method] = operation(route, descriptions[routeKey(route.method, route.path)], operationId);
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'customchat API', version, description: INTRO },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/auth/login' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, when the installation sets one' },
      },
    },
    security: [{ session: [] }],
    paths,
  });
}

function operation(route: DiscoveredRoute, described: RouteDescription | undefined, operationId: string): ZodOpenApiOperationObject {
  const who = `**Who may call it:** ${whoMayCall(route.access)}.`;
  return {
    operationId,
    tags: [described?.tag ?? 'undescribed'],
    summary: described?.summary ?? route.handler,
    description: [described?.description, who].filter(Boolean).join('\n\n'),
    'x-roles': rolesOf(route.access),
    ...(!described && { 'x-undescribed': true }),
    security: route.access.public ? (described?.security ?? []) : [{ session: [] }],
    requestParams: { path: pathSchema(route), ...(route.query && { query: objectInput(route.query, route) }) },
    ...(route.body && { requestBody: { required: true, content: json(route.body) } }),
    responses: responses(route, described),
  };
}

function responses(route: DiscoveredRoute, described: RouteDescription | undefined): ZodOpenApiResponsesObject {
  const success = described?.success ?? { description: 'Success' };
  const errors: Record<number, string | undefined> = {
    400: route.body || route.query || route.params ? 'A field is invalid; the message names it' : undefined,
    401: route.access.public ? undefined : 'Not signed in (no valid session cookie)',
    403: forbiddenReasons(route.access, route.method).join('; ') || undefined,
    404: pathParams(route.path).length ? (route.access.public ? 'No such file' : "No such resource in the user's tenant (another tenant's is not found either)") : undefined,
    ...described?.errors,
  };
  const answers: ZodOpenApiResponsesObject = { [`${success.status ?? route.status}`]: { description: success.description, content: success.content } };
  for (const [status, description] of Object.entries(errors)) {
    if (description) answers[status as `4${string}`] = { description: capitalise(description), content: json(errorSchema) };
  }
  return answers;
}

/** Path parameters from the route's params schema, else plain strings named by the path. */
function pathSchema(route: DiscoveredRoute) {
  if (route.params) return objectInput(route.params, route);
  return z.object(Object.fromEntries(pathParams(route.path).map((name) => [name, z.string()])));
}

/**
 * Query and path parameters are listed one by one, so their schema must be an object; a schema
 * that transforms the object as a whole (usage's defaults) is documented by what it accepts.
 */
function objectInput(schema: z.ZodType, route: DiscoveredRoute): z.ZodObject {
  let input: z.ZodType = schema;
  while (input instanceof z.ZodPipe) input = input.in as z.ZodType;
  if (!(input instanceof z.ZodObject)) throw new Error(`${route.handler}: its query or path schema is not an object`);
  return input;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
