import { joinRoutePath, pathParams, routeKey, toOpenApiPath } from './openapi-path';

describe('openapi paths', () => {
  it('writes router parameters and wildcards as OpenAPI parameters', () => {
    expect(toOpenApiPath('/api/bots/:id/roles/:version/activate')).toBe('/api/bots/{id}/roles/{version}/activate');
    expect(toOpenApiPath('/console/*path')).toBe('/console/{path}');
    expect(toOpenApiPath('/widget.js')).toBe('/widget.js');
    expect(toOpenApiPath('/')).toBe('/');
  });

  it('names the parameters of a path in order', () => {
    expect(pathParams('/api/bots/{id}/roles/{version}/activate')).toEqual(['id', 'version']);
    expect(pathParams('/health')).toEqual([]);
  });

  it('joins a controller prefix and a handler path as Nest does', () => {
    expect(joinRoutePath('api/bots', ':id')).toBe('/api/bots/:id');
    expect(joinRoutePath('console', '')).toBe('/console');
    expect(joinRoutePath('', 'widget.js')).toBe('/widget.js');
    expect(joinRoutePath('', '')).toBe('/');
    expect(joinRoutePath('/api/', '/docs/')).toBe('/api/docs');
  });

  it('keys a route by upper-case method and OpenAPI path', () => {
    expect(routeKey('get', '/api/bots/{id}')).toBe('GET /api/bots/{id}');
  });
});
