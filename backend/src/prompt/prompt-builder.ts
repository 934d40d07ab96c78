import { Injectable } from '@nestjs/common';
import { resolveBotSettings } from '../bots/bot-settings';
import type { Bot } from '../bots/bot.entity';
import { BotsService } from '../bots/bots.service';
import { type HistoryRow, MessagesRepository } from '../conversations/messages.repository';
import type { LlmMessage, LlmRequest } from '../llm/llm.client';
import { historyWindow } from './history-window';
import { withoutSuperseded } from '../conversations/superseded';
import { type Passage, PassageRetriever, passagesMessage } from './passages';
import { TokenCounter } from './token-counter';
import { HANDOFF_INSTRUCTION } from '../handoff/handoff-marker';

/** What a prompt is built from; the builder reads whatever is not given. */
export type PromptInput = {
  bot: Bot;
  /** A role to try instead of the published one (the console's preview of a draft). */
  systemPrompt?: string;
} & (
  | {
      /** A visitor's turn: the conversation's stored history, then `question` when it is not stored yet. */
      conversationId: string;
      /** The history already read (oldest first); read from the conversation when absent. */
      history?: HistoryRow[];
      /** Rows left out: the turn's own, or the reply being retried. */
      exclude?: string[];
      question?: string;
    }
  | {
      /** The console's preview: the turns as given, nothing stored. */
      turns: LlmMessage[];
    }
);

/** What the prompt was made of, stored and shown with the answer. */
export interface PromptUsed {
  roleVersion: number | null;
  passages: Passage[];
  /** How many turns of history were sent, the question included. */
  turns: number;
}

export interface BuiltPrompt {
  request: LlmRequest;
  used: PromptUsed;
}

/**
 * The one place a model request is made — a visitor's turn, a retry, an owner's preview alike:
 * the bot's role, the passages retrieved for the question, the history window, the bot's model
 * settings. Asynchronous, so it runs after the visitor's ack and beside the turn's write.
 */
@Injectable()
export class PromptBuilder {
  constructor(
    private readonly bots: BotsService,
    private readonly messages: MessagesRepository,
    private readonly retriever: PassageRetriever,
    private readonly counter: TokenCounter,
  ) {}

  async build(input: PromptInput, signal?: AbortSignal): Promise<BuiltPrompt> {
    const { bot } = input;
    const settings = resolveBotSettings(bot.settings);
    const [role, turns] = await Promise.all([
      input.systemPrompt !== undefined ? { version: null, systemPrompt: input.systemPrompt } : this.bots.activeRole(bot),
      'turns' in input ? input.turns : this.conversationTurns(input),
    ]);
    const question = turns.findLast((t) => t.role === 'user')?.content ?? '';
    const passages = question ? await this.retriever.retrieve(bot, question, signal) : [];
    const window = historyWindow(role.systemPrompt, turns, settings.historyTokenBudget, (m) => this.counter.count(m));
    // "Answer only from the documents": said even when nothing matched, so the model declines.
    const strict = settings.knowledgeEnabled && settings.knowledgeStrict && !!question;
    const withKnowledge = passages.length || strict ? withPassages(window, passagesMessage(passages, strict)) : window;
    // A visitor's turn may be handed to a person (PROTOCOL §7); the preview has nobody to hand to.
    const messages = settings.handoffEnabled && !('turns' in input) ? afterInstructions(withKnowledge, HANDOFF_INSTRUCTION) : withKnowledge;
    return {
      request: {
        messages,
        temperature: settings.temperature,
        maxTokens: settings.maxTokens,
        timeouts: { firstTokenMs: settings.firstTokenTimeoutMs, stallMs: settings.stallTimeoutMs },
        ...this.bots.llmTarget(bot),
      },
      used: { roleVersion: role.version, passages, turns: window.filter((m) => m.role !== 'system').length },
    };
  }

  private async conversationTurns(input: { conversationId: string; history?: HistoryRow[]; exclude?: string[]; question?: string }): Promise<LlmMessage[]> {
    const rows = input.history ?? (await this.messages.history(input.conversationId));
    const exclude = new Set(input.exclude ?? []);
    const turns: LlmMessage[] = withoutSuperseded(rows)
      .filter((m) => !exclude.has(m.id) && m.text.trim() !== '')
      // A staff member's message is the site's side of the conversation, as the model's answers are.
      .map((m) => ({ role: m.role === 'user' ? ('user' as const) : ('assistant' as const), content: m.text }));
    if (input.question !== undefined) turns.push({ role: 'user', content: input.question });
    return turns;
  }
}

/** The passages go right after the role (or first, when the bot has none). */
function withPassages(window: LlmMessage[], passages: string): LlmMessage[] {
  const at = window[0]?.role === 'system' ? 1 : 0;
  return [...window.slice(0, at), { role: 'system', content: passages }, ...window.slice(at)];
}

/** After the leading system messages (the role, the passages): the last instruction before the turns. */
function afterInstructions(messages: LlmMessage[], instruction: string): LlmMessage[] {
  let at = 0;
  while (messages[at]?.role === 'system') at++;
  return [...messages.slice(0, at), { role: 'system', content: instruction }, ...messages.slice(at)];
}
