export { AzureOpenAISimulator, type RecordedRequest, type SimulatorEvents, type StreamEnd } from './simulator.server';
export {
  DEFAULT_SIMULATOR_OPTIONS,
  pieceIntervalMs,
  type ReplyRequest,
  type SimulatorApi,
  type SimulatorMessage,
  type SimulatorOptions,
} from './simulator.options';
export { type EmbeddingFault, type FinishReason, type SimulatorFault, type SimulatorFaultKind } from './simulator.faults';
export { type FilterCategory, type SeverityCategory } from './simulator.content-filter';
export { type SimulatorErrorResponse } from './simulator.errors';
export { type StreamOutcome, type StreamResult } from './simulator.stream';
export { demoReply, isChinese, roleOf } from './simulator.reply';
export { countPromptTokens, countTokens, splitIntoChunks, splitIntoPieces } from './simulator.tokens';
export { countStamps, parseStamp, preciseNow, stampMarker, type Stamp } from './simulator.stamp';
export { cosineSimilarity, embeddingToBase64, simulatedEmbedding } from './simulator.embedding';
export { countEmbeddingTokens } from './simulator.embeddings';
export { AZURE_GA_API_VERSIONS, AZURE_PREVIEW_API_VERSIONS, isKnownApiVersion } from './simulator.api-versions';
