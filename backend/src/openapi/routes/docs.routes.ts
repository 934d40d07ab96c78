import { RouteDescription, typed } from '../route-description';

/** This documentation itself: listed like every other route, so nothing the router serves is left out. */
export const docsRoutes: Record<string, RouteDescription> = {
  'GET /api/docs-json': {
    tag: 'documentation',
    summary: 'This document (OpenAPI 3.1)',
    success: { description: 'The document', content: { 'application/json': { schema: { type: 'object' } } } },
  },
  'GET /api/docs': {
    tag: 'documentation',
    summary: 'This document, readable (Swagger UI)',
    success: { description: 'The page', content: typed('text/html') },
  },
  'GET /api/docs/assets/{file}': {
    tag: 'documentation',
    summary: "The documentation page's script, styles and icons",
    success: { description: 'The file', content: { ...typed('text/javascript'), ...typed('text/css'), ...typed('image/png') } },
  },
};
