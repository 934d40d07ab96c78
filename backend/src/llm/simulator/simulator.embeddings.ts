/**
 * The embeddings endpoint of both routes (`POST /v1/embeddings`, Azure's
 * `/openai/deployments/{d}/embeddings`): validates the body as the services do
 * and answers with simulatedEmbedding vectors, as floats or, as the `openai`
 * package asks by default, base64.
 */
import { encode as encodeCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { embeddingToBase64, simulatedEmbedding } from './simulator.embedding';
import { type SimulatorErrorResponse, badRequest } from './simulator.errors';

/** The most inputs one request may hold, and the most tokens of one input, as OpenAI documents. */
const MAX_INPUTS = 2048;
const MAX_INPUT_TOKENS = 8192;
/** text-embedding-3-large's length, the largest `dimensions` a real model accepts. */
const MAX_DIMENSIONS = 3072;
const KNOWN_PARAMETERS = new Set(['input', 'model', 'encoding_format', 'dimensions', 'user']);

export interface EmbeddingsRequest {
  inputs: string[];
  encoding: 'float' | 'base64';
  dimensions?: number;
}

export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest | SimulatorErrorResponse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return badRequest('We could not parse the JSON body of your request. The body must be a JSON object.');
  }
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((key) => !KNOWN_PARAMETERS.has(key));
  if (unknown !== undefined) return badRequest(`Unrecognized request argument supplied: ${unknown}`);

  if (b.input === undefined || b.input === null) return badRequest("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
  const isTokens = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((t) => typeof t === 'number');
  if (isTokens(b.input) || (Array.isArray(b.input) && b.input.some(isTokens))) {
    // OpenAI accepts token arrays; the simulator embeds text only, and says so rather than guess.
    return badRequest('The simulator accepts input as a string or an array of strings, not as token arrays.', 'input', 'unsupported_value');
  }
  const inputs = typeof b.input === 'string' ? [b.input] : b.input;
  if (!Array.isArray(inputs) || inputs.some((s) => typeof s !== 'string')) {
    return badRequest("Invalid type for 'input': expected a string or an array of strings.", 'input', 'invalid_type');
  }
  if (inputs.length === 0 || inputs.length > MAX_INPUTS || inputs.some((s) => s === '')) {
    return badRequest(`'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.`, 'input', 'invalid_value');
  }

  const encoding = b.encoding_format ?? 'float';
  if (encoding !== 'float' && encoding !== 'base64') {
    return badRequest(`Invalid value: '${String(encoding)}'. Supported values are: 'float' and 'base64'.`, 'encoding_format', 'invalid_value');
  }
  const dimensions = b.dimensions ?? undefined;
  if (dimensions !== undefined) {
    if (typeof dimensions !== 'number' || !Number.isInteger(dimensions)) return badRequest("Invalid type for 'dimensions': expected an integer.", 'dimensions', 'invalid_type');
    if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
      return badRequest(`Invalid 'dimensions': expected a value between 1 and ${MAX_DIMENSIONS}, but got ${dimensions} instead.`, 'dimensions', 'invalid_value');
    }
  }
  return { inputs: inputs as string[], encoding, dimensions };
}

/** Tokens of one input, in the embedding models' encoding (cl100k_base). */
export const countEmbeddingTokens = (text: string): number => encodeCl100k(text).length;

/** The response body, or the 400 of an input longer than the model's context. */
export function embeddingsBody(request: EmbeddingsRequest, model: string, defaultDimensions: number) {
  const dims = request.dimensions ?? defaultDimensions;
  const tokens = request.inputs.map(countEmbeddingTokens);
  const tooLong = tokens.find((n) => n > MAX_INPUT_TOKENS);
  if (tooLong !== undefined) {
    return badRequest(
      `This model's maximum context length is ${MAX_INPUT_TOKENS} tokens, however you requested ${tooLong} tokens in your prompt. Please reduce your prompt.`,
      'input',
    );
  }
  const total = tokens.reduce((a, b) => a + b, 0);
  return {
    object: 'list',
    data: request.inputs.map((text, index) => {
      const vector = simulatedEmbedding(text, dims);
      return { object: 'embedding', index, embedding: request.encoding === 'base64' ? embeddingToBase64(vector) : vector };
    }),
    model,
    usage: { prompt_tokens: total, total_tokens: total },
  };
}
