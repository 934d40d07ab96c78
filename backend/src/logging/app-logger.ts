import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Keys whose values never reach a log line, at any depth: credentials, and what visitors and
 * models wrote (message text is for the transcript, not the log).
 */
export const MASKED_KEYS = ['password', 'apiKey', 'api-key', 'azureApiKey', 'authorization', 'cookie', 'text', 'content', 'systemPrompt'];

/**
 * Nest's own logger in JSON mode: one object per line with level, time, pid and context; a
 * plain object passed after the message is spread into the line (`{ conversationId, … }`).
 */
export function createAppLogger(config: AppConfig): ConsoleLogger {
  const logLevels = LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1);
  if (config.logFormat === 'text') return new ConsoleLogger({ logLevels, redact: MASKED_KEYS });
  return new ConsoleLogger({ json: true, logLevels, structuredParams: true, flattenParams: true, redact: MASKED_KEYS });
}
