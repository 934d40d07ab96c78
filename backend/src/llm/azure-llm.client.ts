import { AzureOpenAI } from 'openai';
import { AppConfig } from '../config/app-config';
import type { FetchLike } from '../outbound/http-fetch';
import type { TokenProvider } from './entra-token';
import { InstallationAccount, OpenAiShapedClient, SDK_CLIENT_OPTIONS } from './openai-shaped.client';

/** `stream_options.include_usage` exists from these API versions on. */
const USAGE_IN_STREAM_SINCE = '2024-09-01';

/**
 * Azure OpenAI through the SDK's `AzureOpenAI`: `{endpoint}/openai/deployments/{model}/…?api-version=`.
 * The installation's resource is reached with its key or, without one, with Microsoft Entra ID
 * tokens; a bot's own resource always with the key its owner set.
 */
export class AzureLlmClient extends OpenAiShapedClient {
  constructor(
    private readonly config: AppConfig,
    installation: InstallationAccount | undefined,
    ownerFetch: FetchLike,
    trustedFetch: FetchLike,
    /** Entra ID tokens for the installation's resource when it has no key. */
    private readonly entraToken?: TokenProvider,
  ) {
    super('azure', installation, { model: config.azure.deployment, embeddingModel: config.azure.embeddingDeployment }, ownerFetch, trustedFetch);
  }

  protected createClient(endpoint: string, apiKey: string, fetch: FetchLike, ownerSet: boolean): AzureOpenAI {
    const entra = !ownerSet && !apiKey && this.entraToken;
    return new AzureOpenAI({
      // The base URL spelt out: the SDK would otherwise take OPENAI_BASE_URL from the environment.
      baseURL: `${endpoint.replace(/\/+$/, '')}/openai`,
      ...(entra ? { azureADTokenProvider: entra, apiKey: undefined } : { apiKey }),
      apiVersion: this.config.azure.apiVersion,
      ...SDK_CLIENT_OPTIONS,
      fetch,
    });
  }

  protected asksForUsage(): boolean {
    return this.config.azure.apiVersion >= USAGE_IN_STREAM_SINCE;
  }
}
