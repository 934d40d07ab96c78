// An in-memory PGlite behind a PostgreSQL socket, for tests run without DATABASE_URL.
// Prints the connection URL on its first line, then serves until killed.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const db = await PGlite.create(process.argv[2] || undefined);
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
