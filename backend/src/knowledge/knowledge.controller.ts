import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { botParamsSchema } from '../bots/bots.dto';
import { ZodPipe } from '../common/zod.pipe';
import { createSourceSchema, replaceSourceSchema, ReplaceSourceDto, searchSchema, SearchDto, sourceParamsSchema, uploadFieldsSchema } from './knowledge.dto';
import { KnowledgeService, type UploadedSourceFile } from './knowledge.service';
import { UploadLimitFilter } from './upload-limit.filter';

type BotParams = z.infer<typeof botParamsSchema>;
type SourceParams = z.infer<typeof sourceParamsSchema>;

/** A bot's knowledge (PROTOCOL §6): owners and agents read, only owners write. */
@Controller('api/bots/:id/knowledge')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Get()
  @Roles('owner', 'agent')
  view(@CurrentUser() user: AuthUser, @Param(new ZodPipe(botParamsSchema)) { id }: BotParams) {
    return this.knowledge.view(user, id);
  }

  /** A file as multipart field `file` (and an optional `title`), or JSON text, FAQ or URL. */
  @Post()
  @Roles('owner')
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file'))
  @UseFilters(UploadLimitFilter)
  async create(@CurrentUser() user: AuthUser, @Param(new ZodPipe(botParamsSchema)) { id }: BotParams, @UploadedFile() file: UploadedSourceFile | undefined, @Body() body: unknown, @Req() req: Request) {
    if (file) {
      const { title } = new ZodPipe(uploadFieldsSchema).transform(body ?? {});
      return { source: await this.knowledge.upload(user, id, file, title) };
    }
    if (req.is('multipart/form-data')) throw new BadRequestException('file: missing — send the document as multipart field "file"');
    return { source: await this.knowledge.create(user, id, new ZodPipe(createSourceSchema).transform(body)) };
  }

  @Post('search')
  @Roles('owner', 'agent')
  @HttpCode(200)
  search(@CurrentUser() user: AuthUser, @Param(new ZodPipe(botParamsSchema)) { id }: BotParams, @Body(new ZodPipe(searchSchema)) dto: SearchDto) {
    return this.knowledge.search(user, id, dto);
  }

  @Get(':sourceId')
  @Roles('owner', 'agent')
  get(@CurrentUser() user: AuthUser, @Param(new ZodPipe(sourceParamsSchema)) { id, sourceId }: SourceParams) {
    return this.knowledge.get(user, id, sourceId);
  }

  @Put(':sourceId')
  @Roles('owner')
  @HttpCode(202)
  async replace(@CurrentUser() user: AuthUser, @Param(new ZodPipe(sourceParamsSchema)) { id, sourceId }: SourceParams, @Body(new ZodPipe(replaceSourceSchema)) dto: ReplaceSourceDto) {
    return { source: await this.knowledge.replace(user, id, sourceId, dto) };
  }

  @Delete(':sourceId')
  @Roles('owner')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthUser, @Param(new ZodPipe(sourceParamsSchema)) { id, sourceId }: SourceParams): Promise<void> {
    await this.knowledge.remove(user, id, sourceId);
  }

  @Post(':sourceId/reindex')
  @Roles('owner')
  @HttpCode(202)
  async reindex(@CurrentUser() user: AuthUser, @Param(new ZodPipe(sourceParamsSchema)) { id, sourceId }: SourceParams) {
    return { source: await this.knowledge.reindex(user, id, sourceId) };
  }
}
