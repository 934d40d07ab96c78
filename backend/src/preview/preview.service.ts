import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { outcomeOfError, outcomeOfFinish, ReplyOutcome } from '../chat/reply-outcome';
import type { ErrorCode } from '../chat/widget.events';
import { StaffLimits } from '../limits/staff-limits.service';
import { LlmClient, LlmError, LlmRequest } from '../llm/llm.client';
import { BotsService } from '../bots/bots.service';
import { PromptBuilder } from '../prompt/prompt-builder';
import type { PreviewDto } from './preview.dto';

export type PreviewEvent = { delta: string } | { end: { status: 'complete' | 'filtered' | 'failed'; text: string; error?: ErrorCode } };

export interface PreparedPreview {
  botId: string;
  request: LlmRequest;
}

/**
 * An owner trying a role (draft or active) on the bot's real settings. No message is stored, but
 * it spends the model like a visitor's message: it is rate limited and its tokens count on the
 * bot's daily and monthly budgets (limits/staff-limits.service.ts).
 */
@Injectable()
export class PreviewService {
  private readonly logger = new Logger('Preview');

  constructor(
    private readonly bots: BotsService,
    private readonly prompts: PromptBuilder,
    private readonly llm: LlmClient,
    private readonly limits: StaffLimits,
  ) {}

  /** Everything that can refuse happens here, before the stream's headers go out. */
  async prepare(user: AuthUser, botId: string, dto: PreviewDto): Promise<PreparedPreview> {
    const bot = await this.bots.findForTenant(user.tenantId, botId);
    await this.limits.preview(user.id, bot);
    const { request } = await this.prompts.build({ bot, systemPrompt: dto.systemPrompt, turns: dto.messages });
    return { botId: bot.id, request };
  }

  async *run({ botId, request }: PreparedPreview, signal: AbortSignal): AsyncIterable<PreviewEvent> {
    let text = '';
    let outcome: ReplyOutcome = outcomeOfFinish(null);
    try {
      for await (const chunk of this.llm.stream(request, signal)) {
        if (chunk.type === 'end') {
          outcome = outcomeOfFinish(chunk.finishReason);
          // Before the end event goes out, so the next preview's budget check already sees it.
          if (chunk.usage) await this.limits.recordPreview(botId, chunk.usage).catch((e: Error) => this.logger.error(`preview usage not counted: ${e.message}`));
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
