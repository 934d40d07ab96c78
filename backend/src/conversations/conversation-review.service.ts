import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ConversationRepository, toDetail } from './conversation.repository';
import type { ConversationPatch } from './dto/conversation-patch.dto';
import type { ConversationDetail, TranscriptMessage } from './dto/conversation.views';

/** One conversation for staff: its transcript, and their annotations. Another tenant's is not found. */
@Injectable()
export class ConversationReviewService {
  constructor(private readonly repo: ConversationRepository) {}

  async get(user: AuthUser, id: string): Promise<{ conversation: ConversationDetail; messages: TranscriptMessage[] }> {
    const conversation = await this.detail(user, id);
    return { conversation, messages: await this.repo.transcript(id) };
  }

  async annotate(user: AuthUser, id: string, patch: ConversationPatch): Promise<ConversationDetail> {
    if (!(await this.repo.annotate(user.tenantId, id, patch))) throw notFound();
    return this.detail(user, id);
  }

  private async detail(user: AuthUser, id: string): Promise<ConversationDetail> {
    const row = await this.repo.summary(user.tenantId, id);
    if (!row) throw notFound();
    return toDetail(row);
  }
}

const notFound = () => new NotFoundException('Conversation not found');
