import { Global, Inject, Logger, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics.service';
import { OutboundGuard } from '../outbound/outbound-guard';
import { type FetchLike, TrustedFetch } from '../outbound/http-fetch';
import { OutboundModule } from '../outbound/outbound.module';
import { AzureLlmClient } from './azure-llm.client';
import { EntraTokenSource } from './entra-token';
import { LlmEndpoint } from './llm-endpoint';
import { LlmProviderRegistry } from './llm-registry';
import { LlmClient } from './llm.client';
import { OpenAiLlmClient } from './openai-llm.client';
import { realClock, ResilientLlmClient } from './resilient-llm.client';
import { AzureOpenAISimulator } from './simulator';

const SIMULATOR = Symbol('AzureOpenAISimulator');

export interface RunningSimulator {
  simulator: AzureOpenAISimulator;
  url: string;
}

/** The installation's account as the environment sets it, and the start-up line that says which. */
function installationEndpoint(config: AppConfig, demo: RunningSimulator | null): LlmEndpoint {
  const logger = new Logger('Llm');
  const { azure, openai } = config;
  if (demo) {
    logger.warn(`DEMO MODE: no model provider is configured (LLM_PROVIDER, AZURE_OPENAI_ENDPOINT, OPENAI_API_KEY), replies come from the built-in simulator at ${demo.url}`);
    return new LlmEndpoint(demo.url, 'demo-key', true, azure.deployment, azure.embeddingDeployment, 'azure');
  }
  if (config.llmProvider === 'openai') {
    logger.log(`OpenAI-compatible provider at ${openai.baseUrl}, model ${openai.model}, embeddings ${openai.embeddingModel}${openai.apiKey ? '' : ', no API key'}`);
    return new LlmEndpoint(openai.baseUrl, openai.apiKey ?? '', false, openai.model, openai.embeddingModel, 'openai');
  }
  const auth = azure.auth === 'entra' ? 'Microsoft Entra ID' : 'API key';
  logger.log(`Azure OpenAI at ${azure.endpoint}, deployment ${azure.deployment}, embeddings ${azure.embeddingDeployment}, api-version ${azure.apiVersion}, ${auth}`);
  return new LlmEndpoint(azure.endpoint!, azure.auth === 'entra' ? '' : azure.apiKey!, false, azure.deployment, azure.embeddingDeployment, 'azure');
}

/**
 * Every provider the app can talk to, behind the one LlmClient: the installation's (Azure OpenAI,
 * an OpenAI-compatible server, or the demo simulator as its Azure) and those bots' own accounts
 * name. Unit tests build it without Nest.
 */
export function buildLlmClient(
  config: AppConfig,
  endpoint: LlmEndpoint,
  ownerFetch: FetchLike,
  entra: EntraTokenSource,
  /** The operator's endpoint: trusted, not judged. */
  trustedFetch: FetchLike,
): LlmProviderRegistry {
  const own = { url: endpoint.url, apiKey: endpoint.apiKey };
  const azure = new AzureLlmClient(config, endpoint.provider === 'azure' ? own : undefined, ownerFetch, trustedFetch, entra.token);
  const openai = new OpenAiLlmClient(
    endpoint.provider === 'openai' ? own : undefined,
    { model: config.openai.model, embeddingModel: config.openai.embeddingModel },
    ownerFetch,
    trustedFetch,
  );
  return new LlmProviderRegistry({ azure, openai }, endpoint.provider);
}

@Global()
@Module({
  // Owners' endpoints are reached through the outbound guard (and bots check them against it at save time).
  imports: [OutboundModule],
  providers: [
    EntraTokenSource,
    // Keep-alive connections to the operator's model endpoint.
    { provide: TrustedFetch, useFactory: () => new TrustedFetch() },
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
      useFactory: installationEndpoint,
    },
    {
      // The app talks to the model only through the upstream policy: timeouts, one retry layer, breakers.
      provide: LlmClient,
      inject: [AppConfig, LlmEndpoint, Metrics, OutboundGuard, EntraTokenSource, TrustedFetch],
      useFactory: (config: AppConfig, endpoint: LlmEndpoint, metrics: Metrics, guard: OutboundGuard, entra: EntraTokenSource, trusted: TrustedFetch) =>
        new ResilientLlmClient(buildLlmClient(config, endpoint, guard.fetch, entra, trusted.fetch), endpoint, config.upstream, realClock, (kind) => metrics.upstreamError(kind)),
    },
  ],
  exports: [LlmClient, LlmEndpoint, EntraTokenSource, SIMULATOR],
})
export class LlmModule implements OnApplicationShutdown {
  constructor(
    @Optional() @Inject(SIMULATOR) private readonly demo: RunningSimulator | null,
    private readonly trusted: TrustedFetch,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.trusted.destroy();
    await this.demo?.simulator.stop();
  }
}

export { SIMULATOR };
