import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { OpenApiDocument } from './document';
import { OpenApiService } from './openapi.service';
import { DOCS_ASSETS, DOCS_CSP, DOCS_PAGE } from './swagger-ui';

/** The API's own documentation (PROTOCOL §4): public, as it describes routes, never data. */
@Public()
@Controller('api')
export class OpenApiController {
  constructor(private readonly openApi: OpenApiService) {}

  @Get('docs-json')
  document(): OpenApiDocument {
    return this.openApi.document();
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', DOCS_CSP)
  @Header('Referrer-Policy', 'same-origin')
  page(): string {
    return DOCS_PAGE;
  }

  @Get('docs/assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    // Own properties only: `constructor` or `__proto__` must not name an asset.
    const asset = Object.hasOwn(DOCS_ASSETS, file) ? DOCS_ASSETS[file] : undefined;
    if (!asset) throw new NotFoundException(`no documentation file ${file}`);
    res.type(asset.type);
    // The Swagger bundle is ~1.5 MB and changes only with the installed package: cache it for a day.
    res.setHeader('Cache-Control', 'public, max-age=86400');
    if ('body' in asset) res.send(asset.body);
    else res.sendFile(asset.file);
  }
}
