import { Injectable } from '@nestjs/common';
import type { Bot } from '../bots/bot.entity';
import { RulesService } from '../handoff/rules.service';
import type { ConversationState } from './widget.events';
import type { VisitorContext } from './visitor-context';

/** Who answers a visitor's message. */
export type Responder =
  /** The model; `alert`: a rule asked for the staff to be told as well. */
  | { kind: 'bot'; alert?: boolean }
  /** A person was asked for, or has the conversation: the message goes to the staff. */
  | { kind: 'person' }
  /** A rule's fixed answer, no model call. */
  | { kind: 'answer'; text: string }
  /** A rule hands the conversation to a person, after its answer when it has one. */
  | { kind: 'handoff'; text?: string };

/**
 * Decides, in one place, who answers a message before anything is stored (PROTOCOL §7): a person
 * when the conversation is theirs or waits for one; else the bot's rules, in order; else the model.
 */
@Injectable()
export class ResponderChoice {
  constructor(private readonly rules: RulesService) {}

  async choose(_ctx: VisitorContext, bot: Bot, text: string, state: ConversationState): Promise<Responder> {
    if (state === 'waiting' || state === 'human') return { kind: 'person' };
    const rule = await this.rules.match(bot.id, text);
    if (!rule) return { kind: 'bot' };
    if (rule.action === 'answer') return { kind: 'answer', text: rule.answer ?? '' };
    if (rule.action === 'handoff') return { kind: 'handoff', ...(rule.answer ? { text: rule.answer } : {}) };
    return { kind: 'bot', alert: true };
  }
}
