import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { CONSOLE_CSP, CONSOLE_DIST, ConsoleAssetsController } from '../backend/src/console-assets/console-assets.controller';

/** The console's page and assets, served from a built-looking folder (no database needed). */
describe('console assets', () => {
  let dist: string;
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'cc-console-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" src="/console/assets/app-Ab12.js"></script>');
    writeFileSync(join(dist, 'assets', 'app-Ab12.js'), 'console.log(1)');
    @Module({ controllers: [ConsoleAssetsController], providers: [{ provide: CONSOLE_DIST, useValue: dist }] })
    class TestModule {}
    app = await NestFactory.create<NestExpressApplication>(TestModule, { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers the page, uncached and under a strict CSP, for /console and any path below it', async () => {
    for (const path of ['/console', '/console/', '/console/conversations/abc', '/console/bots/x/role?y=1']) {
      const res = await http().get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(res.text).toContain('/console/assets/app-Ab12.js');
    }
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'");
  });

  it('serves hashed assets immutable, and 404s what is not there rather than the page', async () => {
    const res = await http().get('/console/assets/app-Ab12.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await http().get('/console/assets/app-missing.js').expect(404);
    await http().get('/console/assets/sub/app-Ab12.js').expect(404);
    await http().get('/console/assets/..%2Findex.html').expect(404);
    await http().get('/consoles').expect(404);
  });
});
