import { createHmac, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';
const MAX_AGE_MS = 365 * 24 * 3600 * 1000;

/**
 * The opaque token a visitor's browser keeps: visitor id, bot id and issue time, signed with
 * HMAC-SHA256 keyed from APP_SECRET. A token for another bot, tampered with, or older than a
 * year verifies to null, and the visitor simply starts afresh.
 */
export class VisitorTokens {
  private readonly key: Buffer;

  constructor(appSecret: string) {
    this.key = createHmac('sha256', appSecret).update('visitor-token').digest();
  }

  sign(visitorId: string, botId: string, now = Date.now()): string {
    const body = `${VERSION}.${visitorId}.${botId}.${now.toString(36)}`;
    return `${body}.${this.mac(body)}`;
  }

  verify(token: unknown, botId: string, now = Date.now()): string | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const parts = token.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) return null;
    const [, visitorId, tokenBot, issued, mac] = parts;
    const expected = Buffer.from(this.mac(parts.slice(0, 4).join('.')));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (tokenBot !== botId) return null;
    const issuedAt = parseInt(issued, 36);
    if (!Number.isFinite(issuedAt) || now - issuedAt > MAX_AGE_MS) return null;
    return visitorId;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
