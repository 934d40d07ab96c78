import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { Logger } from '@nestjs/common';

/** Another process (a running server) already serves this data folder. */
export class EmbeddedDatabaseInUseError extends Error {}

export interface EmbeddedPostgres {
  url: string;
  /** The folder holding the Unix socket (mode 0700: only this user may connect). */
  socketDir: string;
  stop(): Promise<void>;
}

/** Unix socket paths are limited to 107 bytes on Linux (sun_path), the socket's own name included. */
const MAX_SOCKET_PATH = 100;
const SOCKET_NAME = '.s.PGSQL.5432';

/**
 * PGlite (PostgreSQL compiled to WASM) behind a PostgreSQL wire-protocol socket, so the app, its
 * migrations and the CLI use the same `pg` driver as with a real server. The socket is a Unix
 * socket in a folder only this user can enter, never a TCP port: PGlite has no passwords, and a
 * loopback port would let any local process read password hashes or forge a session.
 * `dir` undefined keeps the database in memory (tests).
 */
export async function startEmbeddedPostgres(dir?: string): Promise<EmbeddedPostgres> {
  // Both packages are ESM-only; a dynamic import keeps this CommonJS build loading them natively.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  // pg_trgm serves the staff search (ILIKE '%q%'); the migration creates the extension.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  // pgvector: knowledge retrieval by embeddings (the Knowledge migration creates the extension).
  const { vector } = await import('@electric-sql/pglite-pgvector');
  if (dir) mkdirSync(dir, { recursive: true });
  const { socketDir, owned } = privateSocketDir(dir);
  const socketPath = join(socketDir, SOCKET_NAME);
  // Two processes on one PGlite folder would corrupt it; a live socket means a server has it.
  // A socket outside DATA_DIR (path too long) is found through the note beside the data folder.
  const note = dir ? join(dir, '..', 'pglite-socket-path') : undefined;
  const previous = note && existsSync(note) ? readFileSync(note, 'utf8').trim() : undefined;
  for (const candidate of [owned ? undefined : socketPath, previous]) {
    if (candidate && (await answers(candidate))) {
      throw new EmbeddedDatabaseInUseError(`The embedded database in ${dir} is in use by a running server (socket ${candidate}); stop it first.`);
    }
  }
  rmSync(socketPath, { force: true }); // left by a process killed with -9: listen() would fail
  const db = await PGlite.create(dir, { extensions: { pg_trgm, vector } });
  // PGlite is single-session; the server multiplexes a few connections onto it.
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 8 });
  await server.start();
  chmodSync(socketPath, 0o600);
  if (note) writeFileSync(note, socketPath + '\n', { mode: 0o600 });
  // libpq's convention, which `pg` follows: host is the socket's folder, the port names the file.
  const url = `postgresql://postgres@localhost:5432/postgres?host=${encodeURIComponent(socketDir)}`;
  new Logger('Database').log(`Embedded PostgreSQL (PGlite) ${dir ? `in ${dir}` : 'in memory'}, socket in ${socketDir}`);
  return {
    url,
    socketDir,
    async stop() {
      await server.stop();
      await db.close();
      rmSync(socketPath, { force: true });
      if (owned) rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/**
 * `DATA_DIR/pglite-run` when its path is short enough for a socket, else a fresh folder of this
 * process's own under the temp dir (`owned`); mode 0700 either way.
 */
function privateSocketDir(dir?: string): { socketDir: string; owned: boolean } {
  if (dir) {
    const inData = join(dir, '..', 'pglite-run');
    if (join(inData, SOCKET_NAME).length <= MAX_SOCKET_PATH) {
      mkdirSync(inData, { recursive: true, mode: 0o700 });
      chmodSync(inData, 0o700);
      return { socketDir: inData, owned: false };
    }
  }
  return { socketDir: mkdtempSync(join(tmpdir(), 'customchat-pg-')), owned: true };
}

function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function embeddedDataDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}
