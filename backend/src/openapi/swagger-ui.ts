import { dirname, join } from 'node:path';

/** swagger-ui-dist's own folder: the page is served from the installed package, never a CDN. */
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * Starts Swagger UI. A served file, not an inline script, so the page's CSP allows only 'self'.
 * The document's URL is relative to the page; the online validator is off (it would call out).
 */
export const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: 'docs-json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });
});
`;

export const DOCS_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>customchat API</title>
<link rel="stylesheet" href="docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="docs/assets/favicon-32x32.png" sizes="32x32">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script>
<script src="docs/assets/docs-init.js"></script>
</body>
</html>
`;

/**
 * Only this origin's scripts and styles, nothing inline (Swagger UI sets its styles through the
 * DOM, which CSP allows; test/browser/api-docs.browser-spec.ts watches for refusals). Images may
 * be data: URLs (its icons); requests go to this origin only ("Try it out" uses the session).
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export type DocsAsset = { type: string } & ({ file: string } | { body: string });

/** The files the page loads, by name; anything else under /api/docs/assets is a 404. */
export const DOCS_ASSETS: Record<string, DocsAsset> = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', file: join(SWAGGER_DIR, 'swagger-ui.css') },
  'swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8', file: join(SWAGGER_DIR, 'swagger-ui-bundle.js') },
  'favicon-32x32.png': { type: 'image/png', file: join(SWAGGER_DIR, 'favicon-32x32.png') },
  'docs-init.js': { type: 'text/javascript; charset=utf-8', body: INIT_SCRIPT },
};
