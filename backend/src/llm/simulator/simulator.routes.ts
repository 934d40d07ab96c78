/**
 * The simulator's routes: Azure's deployment routes (api-version in the query)
 * and OpenAI's /v1 routes (model in the body).
 */
import type { SimulatorApi } from './simulator.options';

export type Operation = 'chat' | 'embeddings';

export interface Route {
  api: SimulatorApi;
  operation: Operation;
  /** Azure: the deployment named in the path. OpenAI: undefined (the model is in the body). */
  deployment?: string;
}

const AZURE_ROUTE = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)\/?$/;
const OPENAI_ROUTE = /^\/v1\/(chat\/completions|embeddings)\/?$/;

const operationOf = (segment: string): Operation => (segment === 'embeddings' ? 'embeddings' : 'chat');

export function matchRoute(pathname: string): Route | undefined {
  const azure = AZURE_ROUTE.exec(pathname);
  if (azure) {
    let deployment: string;
    try {
      deployment = decodeURIComponent(azure[1]);
    } catch {
      return undefined;
    }
    return { api: 'azure', operation: operationOf(azure[2]), deployment };
  }
  const openai = OPENAI_ROUTE.exec(pathname);
  return openai ? { api: 'openai', operation: operationOf(openai[1]) } : undefined;
}

/** Paths under /v1 get OpenAI's headers and error bodies, known route or not. */
export const isOpenAIPath = (pathname: string): boolean => pathname === '/v1' || pathname.startsWith('/v1/');
