import { z } from 'zod';
import { buildOpenApiDocument } from './document';
import type { Access, DiscoveredRoute } from './route-discovery';
import { json } from './route-description';

const owner: Access = { public: false, roles: ['owner'], adminOnly: false, signedIn: false, firstPassword: false };
const open: Access = { public: true, adminOnly: false, signedIn: false, firstPassword: false };

const route = (over: Partial<DiscoveredRoute>): DiscoveredRoute => ({ method: 'get', path: '/api/things', handler: 'ThingsController.list', access: owner, status: 200, ...over });

describe('buildOpenApiDocument', () => {
  it('keeps a route without a description, marked, rather than dropping it', () => {
    const doc = buildOpenApiDocument([route({})], {}, '1.0.0');
    const op = doc.paths!['/api/things']!.get!;
    expect(op['x-undescribed']).toBe(true);
    expect(op.summary).toBe('ThingsController.list');
  });

  it('takes body, query and path parameters from the schemas, and derives the errors', () => {
    const doc = buildOpenApiDocument(
      [
        route({
          method: 'patch',
          path: '/api/things/{id}',
          params: z.strictObject({ id: z.uuid() }),
          query: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }).transform((q) => q),
          body: z.strictObject({ name: z.string() }),
        }),
      ],
      { 'PATCH /api/things/{id}': { tag: 'things', summary: 'Change a thing', success: { description: 'Changed', content: json(z.object({ ok: z.boolean() })) } } },
      '1.0.0',
    );
    const op = doc.paths!['/api/things/{id}']!.patch!;
    expect(op.parameters).toEqual([
      expect.objectContaining({ in: 'path', name: 'id', required: true }),
      expect.objectContaining({ in: 'query', name: 'dryRun' }),
    ]);
    expect(op.requestBody).toEqual(expect.objectContaining({ required: true }));
    expect(Object.keys(op.responses ?? {})).toEqual(['200', '400', '401', '403', '404']);
    expect(op.security).toEqual([{ session: [] }]);
    expect(op['x-roles']).toEqual(['owner']);
    expect(op.description).toContain('owner');
  });

  it('asks no session of a public route and names its path parameters', () => {
    const doc = buildOpenApiDocument([route({ path: '/files/{file}', access: open })], {}, '1.0.0');
    const op = doc.paths!['/files/{file}']!.get!;
    expect(op.security).toEqual([]);
    expect(op.parameters).toEqual([expect.objectContaining({ in: 'path', name: 'file', required: true })]);
    expect(Object.keys(op.responses ?? {})).toEqual(['200', '404']);
  });

  it('refuses two handlers for one method and path, and a query that is not an object', () => {
    expect(() => buildOpenApiDocument([route({}), route({ handler: 'Other.list' })], {}, '1.0.0')).toThrow('GET /api/things is declared twice');
    expect(() => buildOpenApiDocument([route({ query: z.string() })], {}, '1.0.0')).toThrow('not an object');
  });

  it('gives one handler serving two paths distinct operation ids', () => {
    const doc = buildOpenApiDocument([route({ path: '/a', access: open }), route({ path: '/a/{path}', access: open })], {}, '1.0.0');
    expect([doc.paths!['/a']!.get!.operationId, doc.paths!['/a/{path}']!.get!.operationId]).toEqual(['ThingsController.list', 'ThingsController.list_2']);
  });
});
