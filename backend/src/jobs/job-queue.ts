import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config';

/** What a job's handler gets: its data, and a signal that fires when this instance shuts down. */
export interface JobContext<T> {
  id: string;
  data: T;
  signal: AbortSignal;
  /** No try follows this one: a failure now is final. */
  lastTry: boolean;
}

export interface JobDefinition<T> {
  name: string;
  handle: (job: JobContext<T>) => Promise<void>;
  /** Tries after the first when the handler throws (an instance shutting down counts). */
  retryLimit?: number;
}

/**
 * The background queue every instance works from, on PostgreSQL through pg-boss (no Redis).
 * Features register their jobs at module init; the queue starts once the migrations have run.
 * A job that throws is tried again (with a delay); a job whose instance dies mid-way runs again
 * after `JOBS_EXPIRE_SECONDS`; on a graceful shutdown running jobs are aborted and retried by
 * whichever instance is up.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly definitions = new Map<string, JobDefinition<any>>();
  private readonly running = new Set<AbortController>();
  private readonly workers = new Map<string, string>();
  private boss?: PgBoss;
  private markStarted!: (ok: boolean) => void;
  /** Resolves once the queue runs: jobs sent during startup (a seed) wait for it. */
  private readonly started = new Promise<boolean>((resolve) => (this.markStarted = resolve));

  constructor(
    private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  define<T extends object>(definition: JobDefinition<T>): void {
    if (this.boss) throw new Error(`job ${definition.name} defined after the queue started`);
    this.definitions.set(definition.name, definition);
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.start();
      this.markStarted(true);
    } catch (error) {
      this.markStarted(false);
      throw error;
    }
  }

  /** Queue a job; `key` makes it a singleton among the jobs not yet finished with that key. */
  async send<T extends object>(name: string, data: T, key?: string): Promise<void> {
    if (!(await this.started) || !this.boss) throw new Error('the job queue is not running');
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`no job named ${name}`);
    await this.boss.send(name, data, {
      singletonKey: key,
      retryLimit: definition.retryLimit ?? 3,
      retryDelay: 1,
      retryBackoff: true,
      expireInSeconds: this.config.jobs.expireSeconds,
    });
    // This instance's worker starts at once instead of at its next poll.
    const worker = this.workers.get(name);
    if (worker) this.boss.notifyWorker(worker);
  }

  async onModuleDestroy(): Promise<void> {
    for (const controller of this.running) controller.abort(new Error('the server is shutting down'));
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.boss = undefined;
  }

  private async start(): Promise<void> {
    // The app's own pool: with PGlite (one session underneath) a second pool's statements would
    // interleave with the app's on the wire; with PostgreSQL it is one pool less to size.
    const pool = (this.dataSource.driver as unknown as { master: { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } }).master;
    const boss = new PgBoss({
      db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) as Promise<{ rows: any[] }> },
      schema: 'pgboss',
      // Job rows are kept a day for inspection, then removed.
      deleteAfterDays: 1,
    });
    boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
    await boss.start();
    this.boss = boss;
    for (const definition of this.definitions.values()) {
      await boss.createQueue(definition.name);
      const worker = await boss.work(definition.name, { pollingIntervalSeconds: this.config.jobs.pollSeconds, batchSize: 1, includeMetadata: true }, (jobs) => this.run(definition, jobs));
      this.workers.set(definition.name, worker);
    }
  }

  private async run(definition: JobDefinition<any>, jobs: PgBoss.JobWithMetadata<unknown>[]): Promise<void> {
    for (const job of jobs) {
      const controller = new AbortController();
      this.running.add(controller);
      try {
        await definition.handle({ id: job.id, data: job.data as object, signal: controller.signal, lastTry: job.retryCount >= job.retryLimit });
      } catch (error) {
        this.logger.warn(`job ${definition.name} ${job.id} failed: ${(error as Error).message}`);
        throw error;
      } finally {
        this.running.delete(controller);
      }
    }
  }
}
