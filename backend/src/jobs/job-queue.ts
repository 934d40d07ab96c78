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
  private stopping = false;
  private loop?: Promise<void>;
  /** Ends the idle wait of the loop early. */
  private wake?: () => void;
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
    this.wake?.();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    for (const controller of this.running) controller.abort(new Error('the server is shutting down'));
    this.wake?.();
    await this.loop;
    await this.boss?.stop({ graceful: false });
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
    for (const definition of this.definitions.values()) await boss.createQueue(definition.name);
    if (this.definitions.size) this.loop = this.work(boss);
  }

  /**
   * One job at a time per instance, from every queue in turn: fetch, run, complete or fail (the
   * queue retries). Idle, it sleeps JOBS_POLL_SECONDS or until this instance sends a job.
   */
  private async work(boss: PgBoss): Promise<void> {
    while (!this.stopping) {
      let ran = false;
      for (const definition of this.definitions.values()) {
        if (this.stopping) break;
        try {
          const [job] = await boss.fetch<object>(definition.name, { batchSize: 1, includeMetadata: true });
          if (!job) continue;
          ran = true;
          await this.run(boss, definition, job);
        } catch (error) {
          if (!this.stopping) this.logger.error(`job queue: ${(error as Error).message}`);
        }
      }
      if (!ran && !this.stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.config.jobs.pollSeconds * 1000);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  private async run(boss: PgBoss, definition: JobDefinition<any>, job: PgBoss.JobWithMetadata<object>): Promise<void> {
    const controller = new AbortController();
    this.running.add(controller);
    try {
      await definition.handle({ id: job.id, data: job.data, signal: controller.signal, lastTry: job.retryCount >= job.retryLimit });
      await boss.complete(definition.name, job.id);
    } catch (error) {
      this.logger.warn(`job ${definition.name} ${job.id} failed: ${(error as Error).message}`);
      await boss.fail(definition.name, job.id, { message: (error as Error).message });
    } finally {
      this.running.delete(controller);
    }
  }
}
