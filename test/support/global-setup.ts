import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../backend/src/database/data-source.options';
import { adminQuery, templateDb, withDatabase } from './database';

/** With DATABASE_URL: migrate a template database once; each test file clones it. */
export default async function globalSetup(): Promise<void> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const where = process.env.CI ? 'CI must set DATABASE_URL' : 'set DATABASE_URL to test against a PostgreSQL server';
    console.warn(`\n[e2e] DATABASE_URL is not set: integration tests run on embedded PGlite (${where}).\n`);
    if (process.env.CI) throw new Error('DATABASE_URL is required in CI');
    return;
  }
  const template = templateDb();
  await adminQuery(server, `CREATE DATABASE ${template}`);
  const ds = new DataSource(dataSourceOptions(withDatabase(server, template)));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
}
