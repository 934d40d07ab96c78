import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../backend/src/database/data-source.options';
import { adminQuery, TEMPLATE_DB, withDatabase } from './database';

/** With DATABASE_URL: migrate a template database once; each test file clones it. */
export default async function globalSetup(): Promise<void> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const where = process.env.CI ? 'CI must set DATABASE_URL' : 'set DATABASE_URL to test against a PostgreSQL server';
    console.warn(`\n[e2e] DATABASE_URL is not set: integration tests run on embedded PGlite (${where}).\n`);
    if (process.env.CI) throw new Error('DATABASE_URL is required in CI');
    return;
  }
  await adminQuery(server, `DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await adminQuery(server, `CREATE DATABASE ${TEMPLATE_DB}`);
  const ds = new DataSource(dataSourceOptions(withDatabase(server, TEMPLATE_DB)));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
}
