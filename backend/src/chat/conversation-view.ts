import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Message } from '../conversations/message.entity';
import { ReplyRegistry } from './reply-registry';
import { withoutSuperseded } from './superseded';
import type { WireMessage } from './widget.events';

/** A conversation as the visitor sees it, with the live text of a reply still streaming. */
@Injectable()
export class ConversationView {
  constructor(
    @InjectRepository(Message) private readonly messages: Repository<Message>,
    private readonly registry: ReplyRegistry,
  ) {}

  async messagesOf(conversationId: string): Promise<WireMessage[]> {
    const rows = await this.messages.find({
      where: { conversationId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 500,
    });
    return withoutSuperseded(rows).map((row) => this.toWire(row));
  }

  private toWire(row: Message): WireMessage {
    const base: WireMessage = { id: row.id, role: row.role, text: row.text, status: row.status, createdAt: row.createdAt.toISOString() };
    if (row.feedback) base.feedback = row.feedback;
    if (row.finishReason === 'length') base.truncated = true;
    if (row.status !== 'streaming') return base;
    const live = this.registry.get(row.id);
    // `seq`: how many deltas `text` holds; the deltas that follow continue from it.
    return live ? { ...base, text: live.text, seq: live.seq } : { ...base, seq: 0 };
  }
}
