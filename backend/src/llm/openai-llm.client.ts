import OpenAI from 'openai';
import type { FetchLike } from '../outbound/http-fetch';
import { InstallationAccount, OpenAiShapedClient, ProviderDefaults, SDK_CLIENT_OPTIONS } from './openai-shaped.client';

/** Sent as the bearer to a server that needs no key (a local Ollama): the SDK insists on one. */
export const NO_KEY = 'none';

/**
 * OpenAI and every OpenAI-compatible server (Ollama, vLLM, DeepSeek, Qwen's compatible mode, …):
 * `{baseURL}/chat/completions` and `{baseURL}/embeddings` with `Authorization: Bearer <key>`. A
 * server that ignores `stream_options` sends no usage; the registry counts it then.
 */
export class OpenAiLlmClient extends OpenAiShapedClient {
  constructor(installation: InstallationAccount | undefined, defaults: ProviderDefaults, ownerFetch: FetchLike, trustedFetch: FetchLike) {
    super('openai', installation, defaults, ownerFetch, trustedFetch);
  }

  protected createClient(baseURL: string, apiKey: string, fetch: FetchLike): OpenAI {
    return new OpenAI({ baseURL: baseURL.replace(/\/+$/, ''), apiKey: apiKey || NO_KEY, ...SDK_CLIENT_OPTIONS, fetch });
  }

  protected asksForUsage(): boolean {
    return true;
  }
}
