import { adminQuery } from './database';

/** Drops this run's template database (global setup made it; a killed run leaves one behind). */
export default async function globalTeardown(): Promise<void> {
  const server = process.env.DATABASE_URL;
  const template = process.env.CUSTOMCHAT_TEST_TEMPLATE;
  if (server && template) await adminQuery(server, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
}
