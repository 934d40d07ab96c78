import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ConversationRepository, toDetail } from './conversation.repository';
import type { ConversationPatch } from './dto/conversation-patch.dto';
import type { ConversationDetail, TranscriptMessage } from './dto/conversation.views';
import type { InboxConversation } from '../handoff/staff.events';
import { HandoffStateRepository } from './handoff-state.repository';
import { toInboxConversation } from './inbox-view';

/** One conversation for staff: its transcript, and their annotations. Another tenant's is not found. */
@Injectable()
export class ConversationReviewService {
  constructor(
    private readonly repo: ConversationRepository,
    private readonly handoff: HandoffStateRepository,
  ) {}

  /** The transcript, and (PROTOCOL §7) who answers it now and what is known of the visitor. */
  async get(user: AuthUser, id: string): Promise<{ conversation: ConversationDetail & Pick<InboxConversation, 'state' | 'assignee' | 'visitor'>; messages: TranscriptMessage[] }> {
    const [conversation, inbox] = await Promise.all([this.detail(user, id), this.handoff.inboxItem(user.tenantId, id)]);
    if (!inbox) throw notFound();
    const { state, assignee, visitor } = toInboxConversation(inbox);
    return { conversation: { ...conversation, state, assignee, visitor }, messages: await this.repo.transcript(id) };
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
