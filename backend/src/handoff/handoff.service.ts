import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../auth/auth-user';
import { resolveBotSettings } from '../bots/bot-settings';
import type { Bot } from '../bots/bot.entity';
import type { ConversationState, ServerToClientEvents, WireMessage } from '../chat/widget.events';
import { HandoffStateRepository } from '../conversations/handoff-state.repository';
import { MessagesRepository } from '../conversations/messages.repository';
import { StaffLimits } from '../limits/staff-limits.service';
import { MembersService } from '../members/members.service';
import { staffName, toInboxConversation } from '../conversations/inbox-view';
import { withinOfficeHours } from './office-hours';
import { StaffEmitter } from './staff.emitter';
import type { InboxConversation, StaffPresence } from './staff.events';

/** The visitors' side, given by the chat module (which owns `/widget` and the turn cache). */
export interface VisitorChannel {
  emit<E extends keyof ServerToClientEvents>(conversationId: string, event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void;
  /** What this instance knew of the conversation's turns no longer holds. */
  forget(conversationId: string): void;
}

/** A conversation as the chat knows it. */
export interface ConversationRef {
  tenantId: string;
  botId: string;
  conversationId: string;
}

/** How long "someone is online" is trusted per tenant before asking the instances again. */
const PRESENCE_CACHE_MS = 5000;

/**
 * People taking over (PROTOCOL §7): the conversation's state changes, settled in the database,
 * and who is told — the visitor's sockets (`conversation:state`, `message:new`, `typing`) and the
 * tenant's staff over `/staff` (`inbox:update`, `message:new`, `rule:alert`, `presence:update`).
 */
@Injectable()
export class HandoffService {
  private readonly logger = new Logger('Handoff');
  private visitors?: VisitorChannel;
  private readonly presence = new Map<string, { online: Set<string>; at: number }>();

  constructor(
    private readonly states: HandoffStateRepository,
    private readonly messages: MessagesRepository,
    private readonly staff: StaffEmitter,
    private readonly members: MembersService,
    private readonly limits: StaffLimits,
  ) {}

  attachVisitors(channel: VisitorChannel): void {
    this.visitors = channel;
  }

  // ---- the visitor's side (called by the chat) ----

  /** A person is asked for (by the visitor, a rule or the model): `waiting`, and the staff are told. */
  async request(ref: ConversationRef): Promise<ConversationState> {
    const { state, changed } = await this.states.request(ref.conversationId);
    if (changed) {
      this.visitors?.forget(ref.conversationId);
      this.visitors?.emit(ref.conversationId, 'conversation:state', { state });
      await this.tellStaff(ref.tenantId, ref.conversationId);
    }
    return state;
  }

  /** A visitor's message while a person is asked for or answers: to the staff, not the model. */
  async visitorMessage(ref: ConversationRef, message: WireMessage): Promise<void> {
    this.staff.toTenant(ref.tenantId).emit('message:new', { conversationId: ref.conversationId, message });
    await this.tellStaff(ref.tenantId, ref.conversationId);
  }

  /** A rule's `alert` matched: the staff should look, the bot still answers. */
  async alert(ref: ConversationRef, text: string): Promise<void> {
    const row = await this.states.inboxItem(ref.tenantId, ref.conversationId);
    if (row) this.staff.toTenant(ref.tenantId).emit('rule:alert', { conversation: toInboxConversation(row), text: text.slice(0, 500) });
  }

  /** A rule's fixed answer, or another message no model streamed, shown to the visitor. */
  showVisitor(conversationId: string, message: WireMessage): void {
    this.visitors?.emit(conversationId, 'message:new', { message });
  }

  /** Someone can answer now: within the bot's office hours and a staff member of its tenant online. */
  async staffed(bot: Bot, now = new Date()): Promise<boolean> {
    if (!withinOfficeHours(resolveBotSettings(bot.settings).officeHours, now)) return false;
    return (await this.onlineStaff(bot.tenantId)).size > 0;
  }

  async stateOf(conversationId: string): Promise<{ state: ConversationState; agent?: { name: string } }> {
    const row = await this.states.state(conversationId);
    if (!row) return { state: 'bot' };
    return { state: row.state, ...(row.state === 'human' && row.assigneeEmail ? { agent: { name: staffName(row.assigneeEmail) } } : {}) };
  }

  // ---- the staff's side (the inbox API and /staff) ----

  async inbox(user: AuthUser): Promise<{ conversations: InboxConversation[]; staff: StaffPresence[] }> {
    const [rows, staff] = await Promise.all([this.states.inbox(user.tenantId), this.staffList(user.tenantId)]);
    return { conversations: rows.map(toInboxConversation), staff };
  }

  async claim(user: AuthUser, conversationId: string): Promise<InboxConversation> {
    await this.limits.staffAction(user.id);
    await this.claimOrRefuse(user, conversationId);
    return this.changed(user.tenantId, conversationId, { state: 'human', agent: { name: staffName(user.email) } });
  }

  /** A staff member's message to the visitor; it claims the conversation when nobody holds it. */
  async say(user: AuthUser, conversationId: string, text: string): Promise<{ message: WireMessage & { conversationId: string }; conversation: InboxConversation }> {
    await this.limits.staffAction(user.id);
    const before = await this.states.inboxItem(user.tenantId, conversationId);
    if (!before) throw notFound();
    if (before.state !== 'human' || before.assigneeId !== user.id) await this.claimOrRefuse(user, conversationId);
    const id = randomUUID();
    const { createdAt } = await this.messages.storeMessage(conversationId, { id, role: 'agent', text, authorId: user.id });
    await this.states.markRead(conversationId);
    const message: WireMessage = { id, role: 'agent', text, status: 'complete', createdAt: new Date(createdAt).toISOString(), author: { name: staffName(user.email) } };
    if (before.state !== 'human' || before.assigneeId !== user.id) this.visitors?.emit(conversationId, 'conversation:state', { state: 'human', agent: { name: staffName(user.email) } });
    this.visitors?.emit(conversationId, 'typing', { on: false });
    this.visitors?.emit(conversationId, 'message:new', { message });
    this.staff.toTenant(user.tenantId).emit('message:new', { conversationId, message });
    const conversation = await this.tellStaff(user.tenantId, conversationId);
    return { message: { ...message, conversationId }, conversation: conversation! };
  }

  async release(user: AuthUser, conversationId: string): Promise<InboxConversation> {
    await this.limits.staffAction(user.id);
    if (!(await this.states.release(user.tenantId, conversationId))) await this.refuseChange(user, conversationId, 'bot');
    return this.changed(user.tenantId, conversationId, { state: 'bot' });
  }

  async close(user: AuthUser, conversationId: string): Promise<InboxConversation> {
    await this.limits.staffAction(user.id);
    if (!(await this.states.close(user.tenantId, conversationId))) await this.refuseChange(user, conversationId, 'closed');
    return this.changed(user.tenantId, conversationId, { state: 'closed' });
  }

  /** A staff member types in a conversation of their tenant: the visitor sees it. */
  async staffTyping(tenantId: string, conversationId: string, on: boolean): Promise<void> {
    if ((await this.states.stateIn(tenantId, conversationId)) === 'human') this.visitors?.emit(conversationId, 'typing', { on });
  }

  /** A console connected or left: the tenant's staff see who is online. */
  async presenceChanged(tenantId: string): Promise<void> {
    this.presence.delete(tenantId);
    this.staff.toTenant(tenantId).emit('presence:update', { staff: await this.staffList(tenantId) });
  }

  private async claimOrRefuse(user: AuthUser, conversationId: string): Promise<void> {
    const claimed = await this.states.claim(user.tenantId, conversationId, user.id);
    if (claimed.ok) return;
    if (!(await this.belongs(user.tenantId, conversationId))) throw notFound();
    if (claimed.state === 'closed') throw new ConflictException('This conversation is closed');
    throw new ConflictException(`This conversation is handled by ${claimed.holder ? staffName(claimed.holder) : 'someone else'}`);
  }

  private async refuseChange(user: AuthUser, conversationId: string, to: ConversationState): Promise<never> {
    if (!(await this.belongs(user.tenantId, conversationId))) throw notFound();
    const now = await this.states.state(conversationId);
    throw new ConflictException(`This conversation is ${now?.state === 'bot' ? 'with the bot' : now?.state ?? 'gone'}; it cannot be ${to === 'bot' ? 'released' : 'closed'}`);
  }

  private async belongs(tenantId: string, conversationId: string): Promise<boolean> {
    return (await this.states.stateIn(tenantId, conversationId)) !== undefined;
  }

  private async changed(tenantId: string, conversationId: string, event: { state: ConversationState; agent?: { name: string } }): Promise<InboxConversation> {
    this.visitors?.forget(conversationId);
    this.visitors?.emit(conversationId, 'conversation:state', event);
    if (event.state !== 'human') this.visitors?.emit(conversationId, 'typing', { on: false });
    return (await this.tellStaff(tenantId, conversationId))!;
  }

  /** The conversation as the inbox shows it now, sent to the tenant's staff. */
  private async tellStaff(tenantId: string, conversationId: string): Promise<InboxConversation | undefined> {
    const row = await this.states.inboxItem(tenantId, conversationId);
    if (!row) return undefined;
    const conversation = toInboxConversation(row);
    this.staff.toTenant(tenantId).emit('inbox:update', { conversation });
    return conversation;
  }

  private async staffList(tenantId: string): Promise<StaffPresence[]> {
    const [all, online] = await Promise.all([this.members.staffOf(tenantId), this.onlineStaff(tenantId)]);
    return all.map((u) => ({ id: u.id, name: staffName(u.email), online: online.has(u.id) }));
  }

  private async onlineStaff(tenantId: string): Promise<Set<string>> {
    const cached = this.presence.get(tenantId);
    if (cached && Date.now() - cached.at < PRESENCE_CACHE_MS) return cached.online;
    const online = await this.staff.online(tenantId).catch((error: Error) => {
      this.logger.warn(`presence unknown: ${error.message}`);
      return new Set<string>();
    });
    this.presence.set(tenantId, { online, at: Date.now() });
    return online;
  }
}

const notFound = () => new NotFoundException('Conversation not found');
