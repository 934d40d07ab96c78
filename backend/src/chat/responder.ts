import { Injectable } from '@nestjs/common';
import type { Bot } from '../bots/bot.entity';
import type { VisitorContext } from './visitor-context';

/** Who answers a visitor's message. */
export type Responder = { kind: 'bot' };

/**
 * Decides, in one place, who answers a message before anything is stored: today always the bot
 * (its model). Rules (a fixed answer, a handoff, an alert) and people taking over are decided
 * here too when they exist (PROTOCOL §7).
 */
@Injectable()
export class ResponderChoice {
  async choose(_ctx: VisitorContext, _bot: Bot, _text: string): Promise<Responder> {
    return { kind: 'bot' };
  }
}
