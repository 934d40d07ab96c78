// An in-memory PGlite behind a PostgreSQL socket, for tests run without DATABASE_URL.
// Prints the connection URL on its first line, then serves until killed.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { vector } from '@electric-sql/pglite-pgvector';

// pg_trgm and pgvector as in backend/src/database/embedded-postgres.ts: the migrations create the extensions.
const db = await PGlite.create(process.argv[2] || undefined, { extensions: { pg_trgm, vector } });
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
await server.start();
console.log(`postgresql://postgres@${server.getServerConn()}/postgres`);
const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
