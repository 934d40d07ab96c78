// Runs the TypeORM CLI against the app's one DataSource. Without DATABASE_URL it starts the
// embedded PGlite database under DATA_DIR first, exactly as the app does.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { AppConfig } = require('../dist/backend/src/config/app-config.js');
const { startEmbeddedPostgres, embeddedDataDir } = require('../dist/backend/src/database/embedded-postgres.js');

const config = AppConfig.fromEnv();
const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(embeddedDataDir(config.dataDir));
const [command, ...rest] = process.argv.slice(2);
const cli = require.resolve('typeorm/cli.js');
const args = [cli, command, ...rest, '-d', 'dist/backend/src/database/cli.data-source.js'];
const child = spawn(process.execPath, args, {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: embedded?.url ?? config.databaseUrl },
});
child.on('exit', async (code) => {
  await embedded?.stop();
  process.exit(code ?? 1);
});
