import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';

/** The background queue on PostgreSQL (pg-boss), one for the installation; features define their jobs. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
