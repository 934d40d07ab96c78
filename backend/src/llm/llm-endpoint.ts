import type { LlmProviderName } from './llm.client';

/**
 * The installation's model account, set by the operator in the environment (trusted): Azure
 * OpenAI, an OpenAI-compatible server, or the built-in simulator in demo mode.
 */
export class LlmEndpoint {
  constructor(
    /** Azure: the resource's endpoint; OpenAI: the base URL. */
    readonly url: string,
    /** Empty when Azure is reached with Microsoft Entra ID instead of a key. */
    readonly apiKey: string,
    readonly demo: boolean,
    /** The chat model (Azure: deployment) a request without its own uses. */
    readonly model = 'gpt-4o',
    /** The embedding model (Azure: deployment) an embedding request without its own uses. */
    readonly embeddingModel = 'text-embedding-3-small',
    readonly provider: LlmProviderName = 'azure',
  ) {}
}
