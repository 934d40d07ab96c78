import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

/**
 * After a crash (kill -9, power loss) replies may be left `streaming` with nobody generating
 * them. A single instance owns every reply, so at start it marks them all failed. With several
 * instances (REDIS_URL) only replies too old to still be running are swept.
 */
@Injectable()
export class StreamingSweep implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const olderThan = this.config.redisUrl ? `AND created_at < now() - interval '15 minutes'` : '';
    const [, affected] = (await this.db.query(
      `UPDATE messages SET status = 'failed', error_code = 'internal', completed_at = now(),
         error_detail = 'the server stopped while the reply was streaming (crash or kill)'
       WHERE status = 'streaming' ${olderThan}`,
    )) as [unknown, number];
    if (affected) new Logger('Chat').warn(`marked ${affected} interrupted replies as failed`);
  }
}
