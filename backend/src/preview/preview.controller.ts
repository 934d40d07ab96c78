import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ZodPipe } from '../common/zod.pipe';
import { botParamsSchema } from '../bots/bots.dto';
import { sendEventStream } from './event-stream';
import { previewSchema, PreviewDto } from './preview.dto';
import { PreviewService } from './preview.service';

@Controller('api/bots/:id/preview')
export class PreviewController {
  constructor(private readonly preview: PreviewService) {}

  @Post()
  @Roles('owner')
  async stream(
    @CurrentUser() user: AuthUser,
    @Param(new ZodPipe(botParamsSchema)) { id }: z.infer<typeof botParamsSchema>,
    @Body(new ZodPipe(previewSchema)) dto: PreviewDto,
    @Res() res: Response,
  ): Promise<void> {
    const prepared = await this.preview.prepare(user, id, dto);
    await sendEventStream(res, (signal) => this.preview.run(prepared, signal));
  }
}
