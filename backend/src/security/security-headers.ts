import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';

const YEAR_S = 365 * 24 * 3600;
/** A source map gives away the original code; in production the assets are served without them. */
const SOURCE_MAP = /\.map$/i;

/**
 * Headers every answer carries: `nosniff` everywhere (assets included), `no-store` on the API
 * (its answers are one user's data), HSTS when the installation is served over https, and no
 * source maps in production. Page-specific CSPs are set by the pages (demo, console).
 */
export function securityHeaders(config: AppConfig) {
  const https = config.publicUrl?.startsWith('https://') ?? false;
  const production = config.nodeEnv === 'production';
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (https) res.setHeader('Strict-Transport-Security', `max-age=${YEAR_S}; includeSubDomains`);
    // Lower-cased: a request spelt /API/... is refused by the router, but its 404 is not cached either.
    if (req.path.toLowerCase().startsWith('/api') && !req.path.startsWith('/api/docs/assets/')) {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Pragma', 'no-cache');
    }
    if (production && SOURCE_MAP.test(req.path)) {
      res.status(404).json({ statusCode: 404, error: 'Not Found', message: 'Source maps are not served in production' });
      return;
    }
    next();
  };
}

/** The demo page: its own inline styles, the widget's script and socket from the backend, never framed. */
export function demoPageCsp(backend: string): string {
  const origin = new URL(backend).origin;
  const socket = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    `script-src 'self' ${origin}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${origin} ${socket}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
