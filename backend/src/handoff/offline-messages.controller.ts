import { Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ZodPipe } from '../common/zod.pipe';
import { staffName } from '../conversations/inbox-view';
import { OfflineMessageRow, OfflineMessagesRepository } from './offline-messages.repository';
import type { OfflineMessage } from './staff.events';

const params = z.strictObject({ id: z.guid() });

/** Messages visitors left when nobody could answer (PROTOCOL §7), for the tenant's staff. */
@Controller('api/offline-messages')
export class OfflineMessagesController {
  constructor(private readonly repo: OfflineMessagesRepository) {}

  @Get()
  @Roles('owner', 'agent')
  async list(@CurrentUser() user: AuthUser) {
    return { messages: (await this.repo.list(user.tenantId)).map(toOfflineMessage) };
  }

  @Post(':id/handled')
  @Roles('owner', 'agent')
  @HttpCode(200)
  async handled(@CurrentUser() user: AuthUser, @Param(new ZodPipe(params)) { id }: z.infer<typeof params>) {
    const row = await this.repo.handled(user.tenantId, id, user.id);
    if (!row) throw new NotFoundException('Offline message not found');
    return { message: toOfflineMessage(row) };
  }
}

function toOfflineMessage(row: OfflineMessageRow): OfflineMessage {
  return {
    id: row.id,
    botId: row.botId,
    botName: row.botName,
    conversationId: row.conversationId,
    email: row.email,
    text: row.text,
    createdAt: new Date(row.createdAt).toISOString(),
    handledAt: row.handledAt ? new Date(row.handledAt).toISOString() : null,
    handledBy: row.handledById && row.handledByEmail ? { id: row.handledById, name: staffName(row.handledByEmail) } : null,
  };
}
