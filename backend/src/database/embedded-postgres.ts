import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WASM) behind a loopback PostgreSQL wire-protocol socket, so the
 * app, its migrations and the CLI use the same `pg` driver as with a real server.
 * `dir` undefined keeps the database in memory (tests).
 */
export async function startEmbeddedPostgres(dir?: string): Promise<EmbeddedPostgres> {
  // Both packages are ESM-only; a dynamic import keeps this CommonJS build loading them natively.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  // pg_trgm serves the staff search (ILIKE '%q%'); the migration creates the extension.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  if (dir) mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir, { extensions: { pg_trgm } });
  // PGlite is single-session; the server multiplexes a few connections onto it.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  const url = `postgresql://postgres@${server.getServerConn()}/postgres`;
  new Logger('Database').log(`Embedded PostgreSQL (PGlite) ${dir ? `in ${dir}` : 'in memory'}`);
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

export function embeddedDataDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}
