import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig, InvalidEnvironmentError } from './config/app-config';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const app = await createApp(config);
  await app.listen(config.port);
  const url = config.publicUrl ?? `http://localhost:${config.port}`;
  new Logger('Main').log(`Listening on ${url} — demo page ${url}/ · widget ${url}/widget.js · health ${url}/health`);
}

void main();
