import { ArgumentsHost, Catch, ExceptionFilter, HttpException, PayloadTooLargeException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { AppConfig } from '../config/app-config';

/** Multer's "File too large" says neither the limit nor the field; this one does. */
@Catch(PayloadTooLargeException)
export class UploadLimitFilter extends BaseExceptionFilter implements ExceptionFilter {
  constructor(private readonly config: AppConfig) {
    super();
  }

  override catch(exception: HttpException, host: ArgumentsHost): void {
    const mb = this.config.knowledge.maxFileBytes / (1024 * 1024);
    const limit = Number.isInteger(mb) ? `${mb} MB` : `${mb.toFixed(1)} MB`;
    const res = host.switchToHttp().getResponse();
    res.status(413).json({ statusCode: 413, error: 'Payload Too Large', message: `file: larger than the limit of ${limit} per document` });
    void exception;
  }
}
