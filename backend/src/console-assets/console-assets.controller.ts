import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/auth.decorators';

/** Where `npx rollup -c console/rollup.config.mjs` writes the console; a token so tests may point elsewhere. */
export const CONSOLE_DIST = Symbol('CONSOLE_DIST');

const FILE = /^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*\.(js|css|map)$/;

/** The console's page may run only its own script; it talks to nothing but this origin. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The staff console: one HTML page for every path under /console (the app routes on the client),
 * never cached so a deploy is seen at once; its content-hashed assets cached for a year.
 */
@Public() // the page and its scripts; the data behind them is /api's
@Controller('console')
export class ConsoleAssetsController {
  constructor(@Inject(CONSOLE_DIST) private readonly dist: string) {}

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    const path = join(this.dist, 'assets', file);
    if (!FILE.test(file) || !existsSync(path)) throw new NotFoundException(`no console file ${file}`);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.sendFile(path);
  }

  @Get(['', '*path'])
  page(@Req() req: Request, @Res() res: Response): void {
    // A missing asset must not come back as the page (a 200 of HTML where a script was asked for).
    if (req.path.startsWith('/console/assets/')) throw new NotFoundException('no such console file');
    const path = join(this.dist, 'index.html');
    if (!existsSync(path)) throw new NotFoundException('the console is not built (run npm run build:console)');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.sendFile(path, { lastModified: false });
  }
}
