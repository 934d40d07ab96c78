import { healthSchema } from '../response-schemas';
import { json, RouteDescription, typed } from '../route-description';

/** What the installation serves outside /api: the demo page, the widget's and console's files, probes. */
export const publicRoutes: Record<string, RouteDescription> = {
  'GET /': {
    tag: 'pages',
    summary: 'The demo page, with the demo bot on it',
    success: { description: 'The page', content: typed('text/html') },
  },
  'GET /console': {
    tag: 'pages',
    summary: 'The staff console',
    success: { description: 'The page', content: typed('text/html') },
    errors: { 404: 'The console is not built' },
  },
  'GET /console/{path}': {
    tag: 'pages',
    summary: 'The staff console, at any of its own paths',
    description: '`path` may hold slashes: the console routes on the client, so every path under /console is the same page.',
    success: { description: 'The page', content: typed('text/html') },
    errors: { 404: 'Under /console/assets/ (a missing file is not answered with the page), or the console is not built' },
  },
  'GET /console/assets/{file}': {
    tag: 'pages',
    summary: "One of the console's content-hashed files",
    success: { description: 'The file, cached for a year', content: { ...typed('text/javascript'), ...typed('text/css') } },
  },
  'GET /widget.js': {
    tag: 'widget',
    summary: "The widget's loader, the script in every site's snippet",
    success: { description: 'The script, cached for five minutes', content: typed('text/javascript') },
    errors: { 404: 'The widget is not built' },
  },
  'GET /widget/{file}': {
    tag: 'widget',
    summary: "One of the widget's lazily loaded files",
    description: "The chat's ES modules (`chat-<hash>.js`: the entry the loader imports and the chunks it imports), content-hashed and cached for a year, with `Access-Control-Allow-Origin: *` since host pages on other origins import them.",
    success: { description: 'The file', content: typed('text/javascript') },
  },
  'GET /widget/config/{bot}': {
    tag: 'widget',
    summary: 'Whether the bubble shows on the asking site, and its colour and position',
    description:
      "Read by the loader before it draws the bubble. A script calling `__customchatConfig(answer)`, so a page's CSP needs only `script-src`. " +
      'The answer names nothing else about the bot: `{"allowed": false}` when the Origin (or, without one, the Referer\'s origin) is not one of its sites; ' +
      '`{"allowed": true, "enabled": false}` when it is switched off; `{"enabled": false}` for an unknown key; otherwise `allowed`, `enabled`, `color`, `ink` (`#000` or `#fff`, the colour of the launcher icon on `color`) and `position`. ' +
      'Cached for a minute by the browser.',
    success: { description: 'The script', content: typed('text/javascript') },
  },
  'GET /health': {
    tag: 'operations',
    summary: 'Whether this instance can serve (its database answers)',
    success: { description: 'Healthy', content: json(healthSchema) },
    errors: { 503: 'The database does not answer; take the instance out' },
  },
  'GET /metrics': {
    tag: 'operations',
    summary: 'Prometheus metrics',
    description: 'Open unless METRICS_TOKEN is set; then it needs `Authorization: Bearer <token>`. Keep it off the public internet.',
    success: { description: 'Prometheus text exposition', content: typed('text/plain') },
    errors: { 401: 'METRICS_TOKEN is set and the request does not carry it' },
    security: [{}, { metricsToken: [] }],
  },
};
