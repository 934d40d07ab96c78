import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

/**
 * The one definition of the database connection, shared by the app and the TypeORM CLI.
 * Schema changes only ever come from migrations.
 */
export function dataSourceOptions(url: string, opts: { poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    // Compiled: dist/migrations/*.js; from source (tests): migrations/*.ts.
    migrations: [join(__dirname, '..', '..', '..', 'migrations', '*.{js,ts}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; uuid-ossp is not always there.
    uuidExtension: 'pgcrypto',
    // Off: TypeORM's error log prints query parameters (password hashes, sealed keys, visitor text).
    logging: false,
    poolSize: opts.poolSize,
    extra: { connectionTimeoutMillis: 10_000 },
  };
}
