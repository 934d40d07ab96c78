import { Global, Inject, Logger, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics.service';
import { OutboundGuard } from '../outbound/outbound-guard';
import { OutboundModule } from '../outbound/outbound.module';
import { AzureLlmClient } from './azure-llm.client';
import { LlmEndpoint } from './llm-endpoint';
import { LlmClient } from './llm.client';
import { realClock, ResilientLlmClient } from './resilient-llm.client';
import { AzureOpenAISimulator } from './simulator';

const SIMULATOR = Symbol('AzureOpenAISimulator');

export interface RunningSimulator {
  simulator: AzureOpenAISimulator;
  url: string;
}

@Global()
@Module({
  // Owners' endpoints are reached through the outbound guard (and bots check them against it at save time).
  imports: [OutboundModule],
  providers: [
    {
      provide: SIMULATOR,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        if (!config.demoMode) return null;
        // demo: any deployment and api-version the installation names is answered.
        const simulator = new AzureOpenAISimulator({ demo: true, ttftMs: config.demo.ttftMs, tokensPerSecond: config.demo.tokensPerSecond });
        return { simulator, url: await simulator.start() };
      },
    },
    {
      provide: LlmEndpoint,
      inject: [AppConfig, SIMULATOR],
      useFactory: (config: AppConfig, demo: RunningSimulator | null) => {
        const logger = new Logger('Llm');
        if (demo) {
          const url = demo.url;
          logger.warn(`DEMO MODE: AZURE_OPENAI_ENDPOINT is not set, replies come from the built-in Azure OpenAI simulator at ${url}`);
          return new LlmEndpoint(url, 'demo-key', true, config.azure.deployment, config.azure.embeddingDeployment);
        }
        logger.log(`Azure OpenAI at ${config.azure.endpoint}, deployment ${config.azure.deployment}, api-version ${config.azure.apiVersion}`);
        return new LlmEndpoint(config.azure.endpoint!, config.azure.apiKey!, false, config.azure.deployment, config.azure.embeddingDeployment);
      },
    },
    {
      // The app talks to Azure only through the upstream policy: timeouts, one retry layer, breakers.
      provide: LlmClient,
      inject: [AppConfig, LlmEndpoint, Metrics, OutboundGuard],
      useFactory: (config: AppConfig, endpoint: LlmEndpoint, metrics: Metrics, guard: OutboundGuard) =>
        new ResilientLlmClient(new AzureLlmClient(config, endpoint, guard.fetch), endpoint, config.upstream, realClock, (kind) => metrics.upstreamError(kind)),
    },
  ],
  exports: [LlmClient, LlmEndpoint, SIMULATOR],
})
export class LlmModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(SIMULATOR) private readonly demo: RunningSimulator | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.demo?.simulator.stop();
  }
}

export { SIMULATOR };
