import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/auth.decorators';
import { WIDGET_DIST } from '../config/paths';

const FILE = /^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*\.(js|map)$/;

/**
 * The widget's files. `widget.js` (the loader in every site's snippet) is short-cached so fixes
 * reach sites quickly; the chat's chunks (`chat-<hash>.js`, ES modules the loader `import()`s, and
 * the chunks they import) carry a content hash and are cached for a year. Modules are fetched
 * with CORS from the host page's origin, so every file allows any origin (they are public and
 * sent without credentials) and says it is JavaScript, which a module script requires.
 */
@Public()
@Controller()
export class WidgetAssetsController {
  @Get('widget.js')
  loader(@Res() res: Response): void {
    this.send(res, 'widget.js', 'public, max-age=300');
  }

  @Get('widget/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!FILE.test(file)) throw new NotFoundException(`no widget file ${file}`);
    this.send(res, file, file.startsWith('widget.js') ? 'public, max-age=300' : 'public, max-age=31536000, immutable');
  }

  private send(res: Response, file: string, cacheControl: string): void {
    const path = join(WIDGET_DIST, file);
    if (!existsSync(path)) throw new NotFoundException(`no widget file ${file} (run npm run build:widget)`);
    res.setHeader('Content-Type', file.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8');
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.sendFile(path);
  }
}
