import { EmbeddingRequest, EmbeddingResult, LlmChunk, LlmClient, LlmProviderName, LlmRequest } from './llm.client';
import { withUsage } from './usage-estimate';

/**
 * The providers behind the one LlmClient port: a request goes to its connection's provider (a
 * bot's own account), else to the installation's. Whichever answers, a stream without usage gets
 * it counted with the tokenizer.
 */
export class LlmProviderRegistry extends LlmClient {
  constructor(
    private readonly providers: Record<LlmProviderName, LlmClient>,
    /** The installation's provider (the demo simulator is its Azure). */
    readonly installationProvider: LlmProviderName,
  ) {
    super();
  }

  /** The client that serves a request. */
  providerFor(request: Pick<LlmRequest, 'connection'>): LlmClient {
    return this.providers[request.connection?.provider ?? this.installationProvider];
  }

  stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<LlmChunk> {
    return withUsage(this.providerFor(request).stream(request, signal), request.messages);
  }

  embed(request: EmbeddingRequest, signal: AbortSignal): Promise<EmbeddingResult> {
    return this.providerFor(request).embed(request, signal);
  }
}
