import { Injectable } from '@nestjs/common';

/**
 * Tells whoever keeps a bot's row in memory (the chat's turn cache) that its owner changed it on
 * this instance: settings, limits, model, role, enabled. Other instances find out at the bot's
 * next turn, whose reads compare the row (chat/turn-cache.ts).
 */
@Injectable()
export class BotChanges {
  private readonly listeners = new Set<(botId: string) => void>();

  listen(listener: (botId: string) => void): void {
    this.listeners.add(listener);
  }

  changed(botId: string): void {
    for (const listener of this.listeners) listener(botId);
  }
}
