import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Conversation } from './conversation.entity';

/** Which bot, tenant and visitor a conversation belongs to. */
export interface ConversationOwner {
  tenantId: string;
  botId: string;
  visitorId: string;
}

/** The conversations as the widget's handshake needs them: the visitor's current one, a new one. */
@Injectable()
export class VisitorConversations {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The visitor's latest conversation, made when they have none. */
  async current(owner: ConversationOwner): Promise<Conversation> {
    const repo = this.db.getRepository(Conversation);
    const latest = await repo.findOne({ where: { visitorId: owner.visitorId }, order: { createdAt: 'DESC' } });
    if (latest) return latest;
    // The visitor's first: two devices of one user connecting at once must not start one each.
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM visitors WHERE id = $1 FOR UPDATE', [owner.visitorId]);
      const made = await tx.findOne(Conversation, { where: { visitorId: owner.visitorId }, order: { createdAt: 'DESC' } });
      return made ?? tx.save(tx.create(Conversation, owner));
    });
  }

  start(owner: ConversationOwner): Promise<Conversation> {
    const repo = this.db.getRepository(Conversation);
    return repo.save(repo.create(owner));
  }
}
