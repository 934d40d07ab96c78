import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { resolveBotSettings } from '../bots/bot-settings';
import { BotsService } from '../bots/bots.service';
import { BotChanges } from '../bots/bot-changes';
import { isOriginAllowed } from '../chat/origin';
import { textOn } from './text-on';

/** What the loader learns before it draws the bubble; nothing else about the bot. */
export interface WidgetConfigAnswer {
  /** The asking page's origin is one of the bot's sites (absent when the page named no origin). */
  allowed?: boolean;
  enabled?: boolean;
  color?: string;
  /** Black or white: the launcher's icon on `color` (text-on.ts). */
  ink?: '#000' | '#fff';
  position?: 'right' | 'left';
}

const KEY = /^[\w-]{1,100}$/;
/** Answers are kept this long in the process, so a flood of page views costs one lookup per bot. */
const MEMO_MS = 5_000;
const MEMO_MAX = 5_000;

/**
 * `GET /widget/config/<public key>`: whether the bubble should show on the asking site, and how.
 * A script (`__customchatConfig({…})`) rather than JSON, so a page's Content-Security-Policy needs
 * no more than the loader itself does (`script-src`); the loader loads it with `crossorigin` so the
 * browser names the page's Origin. Unknown bots answer `enabled: false`, as a switched-off one.
 */
@Public()
@Controller()
export class WidgetConfigController {
  private readonly memo = new Map<string, { at: number; bot: Promise<{ id: string; allowedOrigins: string[]; enabled: boolean; color: string; position: 'right' | 'left' } | null> }>();

  constructor(
    private readonly bots: BotsService,
    changes: BotChanges,
  ) {
    // An owner's change on this instance shows at the next page view (other instances: within MEMO_MS).
    changes.listen((botId) => {
      for (const [key, entry] of this.memo) void entry.bot.then((b) => b?.id === botId && this.memo.delete(key), () => undefined);
    });
  }

  @Get('widget/config/:bot')
  async config(@Param('bot') key: string, @Headers('origin') origin: string | undefined, @Headers('referer') referer: string | undefined, @Res() res: Response): Promise<void> {
    const bot = KEY.test(key) ? await this.lookup(key) : null;
    // A same-origin page sends no Origin with a GET: its Referer names it.
    const asking = origin ?? (referer && URL.canParse(referer) ? new URL(referer).origin : undefined);
    let answer: WidgetConfigAnswer;
    if (!bot) answer = { enabled: false };
    else if (asking && !isOriginAllowed(asking, bot.allowedOrigins)) answer = { allowed: false };
    else answer = { allowed: asking ? true : undefined, enabled: bot.enabled, ...(bot.enabled ? { color: bot.color, ink: textOn(bot.color), position: bot.position } : {}) };
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.setHeader('Cache-Control', 'private, max-age=60');
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.send(`__customchatConfig(${JSON.stringify(answer)})`);
  }

  private lookup(key: string) {
    const now = Date.now();
    const hit = this.memo.get(key);
    if (hit && now - hit.at < MEMO_MS) return hit.bot;
    if (this.memo.size >= MEMO_MAX) this.memo.clear();
    const bot = this.bots.findByPublicKey(key).then((b) => {
      if (!b) return null;
      const { color, position } = resolveBotSettings(b.settings);
      return { id: b.id, allowedOrigins: b.allowedOrigins, enabled: b.enabled, color, position };
    });
    // A failed lookup is not remembered.
    bot.catch(() => this.memo.delete(key));
    this.memo.set(key, { at: now, bot });
    return bot;
  }
}
