import { Injectable } from '@nestjs/common';

/** Scope of Azure OpenAI (Cognitive Services) access tokens. */
export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

export type TokenProvider = () => Promise<string>;

/**
 * Microsoft Entra ID tokens for the installation's Azure OpenAI resource, used when no
 * `AZURE_OPENAI_API_KEY` is set. `DefaultAzureCredential` finds the identity the way Azure SDKs do
 * (environment service principal, workload identity, managed identity, Azure CLI login, …); it is
 * made on the first request, not at start-up. Tests put a fake provider in its place with `use`.
 */
@Injectable()
export class EntraTokenSource {
  private provider?: TokenProvider;

  /** A fresh token for each request (the credential caches and refreshes them). */
  readonly token: TokenProvider = () => (this.provider ??= defaultProvider())();

  /** Replaces how tokens are obtained (tests; an operator embedding the app with its own credential). */
  use(provider: TokenProvider): void {
    this.provider = provider;
  }
}

function defaultProvider(): TokenProvider {
  // Loaded only when Entra ID is used: the identity library is large and most installations use a key.
  let provider: Promise<TokenProvider> | undefined;
  return async () => {
    provider ??= import('@azure/identity').then(({ DefaultAzureCredential, getBearerTokenProvider }) =>
      getBearerTokenProvider(new DefaultAzureCredential(), COGNITIVE_SERVICES_SCOPE),
    );
    return (await provider)();
  };
}
