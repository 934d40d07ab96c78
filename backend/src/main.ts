import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig, InvalidEnvironmentError } from './config/app-config';
import { DemoSeed } from './demo/demo-seed.service';
import { printFirstStartBanner } from './demo/first-start-banner';
import { ownUrl } from './demo/own-origins';

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
  const seed = app.get(DemoSeed);
  try {
    await app.listen(config.port);
  } catch (error) {
    // The seed ran before listening: a password made up by this start is shown now or never.
    if (seed.firstAccount) printFirstStartBanner(seed.firstAccount, ownUrl(config, config.port), false);
    throw error;
  }
  // The port actually bound (PORT=0 picks one), so the URLs printed are the ones that answer.
  const url = ownUrl(config, (app.getHttpServer().address() as AddressInfo).port);
  new Logger('Main').log(`Listening on ${url} — demo page ${url}/ · widget ${url}/widget.js · health ${url}/health`);
  if (seed.firstAccount) printFirstStartBanner(seed.firstAccount, url);
}

void main();
