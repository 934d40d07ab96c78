import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source.options';
import { EmbeddedDatabaseInUseError, EmbeddedPostgres, embeddedDataDir, startEmbeddedPostgres } from '../database/embedded-postgres';
import { CliError, EXIT } from './cli-error';

export interface CliDatabase {
  db: DataSource;
  close(): Promise<void>;
}

/**
 * The installation's database, found as the server finds it (DATABASE_URL, or the embedded one
 * under DATA_DIR), through the app's own DataSource options. Never migrates nor creates: an
 * operator command must not make a second, empty installation next to the real one.
 */
export async function openCliDatabase(config: AppConfig): Promise<CliDatabase> {
  const embedded = config.databaseUrl ? null : await openEmbedded(config.dataDir);
  const db = new DataSource(dataSourceOptions(embedded?.url ?? config.databaseUrl!, { poolSize: 1 }));
  const close = async () => {
    if (db.isInitialized) await db.destroy();
    await embedded?.stop();
  };
  try {
    await db.initialize();
    const [{ ready }] = await db.query<Array<{ ready: boolean }>>(`SELECT to_regclass('public.users') IS NOT NULL AS ready`);
    if (!ready) throw new CliError('The database has no CustomChat tables yet: start the server once (it creates them), then run this command.', EXIT.failed);
  } catch (error) {
    await close();
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot use the database${config.databaseUrl ? ` at ${hostOf(config.databaseUrl)}` : ''}: ${(error as Error).message}`, EXIT.database);
  }
  return { db, close };
}

async function openEmbedded(dataDir: string): Promise<EmbeddedPostgres> {
  const dir = embeddedDataDir(dataDir);
  if (!existsSync(dir)) {
    throw new CliError(`No installation in ${dataDir} (no embedded database at ${dir}). Start the server once (npm start), or set DATA_DIR or DATABASE_URL as the server has them.`, EXIT.failed);
  }
  try {
    return await startEmbeddedPostgres(dir);
  } catch (error) {
    if (!(error instanceof EmbeddedDatabaseInUseError)) throw error;
    // PGlite is one process's: the server must let go of it for the command to run.
    throw new CliError(
      `The embedded database in ${dir} is in use by the running server, and only one process can open it.\n` +
        'Stop the server (Ctrl-C), run this command again, then start the server again.',
      EXIT.database,
    );
  }
}

/** Host and database only: the URL may carry a password. */
function hostOf(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}
