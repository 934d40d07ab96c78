import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { outcomeOfError, outcomeOfFinish, ReplyOutcome } from '../chat/reply-outcome';
import type { ErrorCode } from '../chat/widget.events';
import { LlmClient, LlmError, LlmRequest } from '../llm/llm.client';
import type { PreviewDto } from './bot-preview.dto';
import { BotsService } from './bots.service';

export type PreviewEvent = { delta: string } | { end: { status: 'complete' | 'filtered' | 'failed'; text: string; error?: ErrorCode } };

/** An owner trying a role (draft or active) on the bot's real settings. Nothing is stored. */
@Injectable()
export class BotPreviewService {
  private readonly logger = new Logger('Preview');

  constructor(
    private readonly bots: BotsService,
    private readonly llm: LlmClient,
  ) {}

  /** Everything that can refuse happens here, before the stream's headers go out. */
  async prepare(user: AuthUser, botId: string, dto: PreviewDto): Promise<LlmRequest> {
    const bot = await this.bots.findForTenant(user.tenantId, botId);
    const systemPrompt = dto.systemPrompt ?? (await this.bots.activeRole(bot)).systemPrompt;
    return this.bots.llmRequest(bot, systemPrompt, dto.messages);
  }

  async *run(request: LlmRequest, signal: AbortSignal): AsyncIterable<PreviewEvent> {
    let text = '';
    let outcome: ReplyOutcome = outcomeOfFinish(null);
    try {
      for await (const chunk of this.llm.stream(request, signal)) {
        if (chunk.type === 'end') {
          outcome = outcomeOfFinish(chunk.finishReason);
          continue;
        }
        text += chunk.text;
        yield { delta: chunk.text };
      }
    } catch (error) {
      outcome = outcomeOfError(error instanceof LlmError ? error : new LlmError('unavailable', String(error)));
    }
    if (outcome.detail && !signal.aborted) this.logger.warn(`preview ${outcome.status}: ${outcome.detail}`);
    const status = outcome.status === 'complete' || outcome.status === 'filtered' ? outcome.status : 'failed';
    yield { end: { status, text, ...(outcome.errorCode ? { error: outcome.errorCode } : {}) } };
  }
}
