import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PROJECT_ROOT } from '../config/paths';
import { buildOpenApiDocument, OpenApiDocument } from './document';
import { discoverRoutes } from './route-discovery';
import { ROUTE_DESCRIPTIONS } from './routes';

/** Builds the document once, on first request: the routes do not change while the app runs. */
@Injectable()
export class OpenApiService {
  private built?: OpenApiDocument;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  document(): OpenApiDocument {
    this.built ??= buildOpenApiDocument(discoverRoutes(this.discovery, this.scanner, this.reflector), ROUTE_DESCRIPTIONS, version());
    return this.built;
  }
}

const version = () => (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
