import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MessagesRepository } from '../conversations/messages.repository';

/**
 * After a crash (kill -9, power loss) replies may be left `streaming` with nobody generating
 * them. A single instance owns every reply, so at start it marks them all failed. With several
 * instances (REDIS_URL) only replies too old to still be running are swept.
 */
@Injectable()
export class StreamingSweep implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly messages: MessagesRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const affected = await this.messages.failInterrupted(this.config.redisUrl ? 15 : null);
    if (affected) new Logger('Chat').warn(`marked ${affected} interrupted replies as failed`);
  }
}
