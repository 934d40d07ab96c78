import { Body, Controller, Get, Param, Patch, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ZodPipe } from '../common/zod.pipe';
import { ConversationExportService } from './conversation-export.service';
import { ConversationListService } from './conversation-list.service';
import { ConversationReviewService } from './conversation-review.service';
import { ConversationPatch, conversationParamsSchema, conversationPatchSchema } from './dto/conversation-patch.dto';
import { ExportQuery, exportQuerySchema, ListQuery, listQuerySchema } from './dto/conversation-query.dto';
import { sendStream } from './send-stream';

/** Staff read and annotate the conversations of their tenant (PROTOCOL §4). */
@Controller('api/conversations')
@Roles('owner', 'agent')
export class ConversationsController {
  constructor(
    private readonly lists: ConversationListService,
    private readonly reviews: ConversationReviewService,
    private readonly exports: ConversationExportService,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listQuerySchema)) query: ListQuery) {
    return this.lists.list(user, query);
  }

  // Declared before ':id' so that "export" is not taken for an id.
  @Get('export')
  async export(@CurrentUser() user: AuthUser, @Query(new ZodPipe(exportQuerySchema)) query: ExportQuery, @Res() res: Response): Promise<void> {
    const file = this.exports.export(user, query);
    res.set({
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    await sendStream(res, file.body);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param(new ZodPipe(conversationParamsSchema)) params: { id: string }) {
    return this.reviews.get(user, params.id);
  }

  @Patch(':id')
  async patch(@CurrentUser() user: AuthUser, @Param(new ZodPipe(conversationParamsSchema)) params: { id: string }, @Body(new ZodPipe(conversationPatchSchema)) body: ConversationPatch) {
    return { conversation: await this.reviews.annotate(user, params.id, body) };
  }
}
