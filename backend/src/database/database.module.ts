import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source.options';
import { EmbeddedPostgres, embeddedDataDir, startEmbeddedPostgres } from './embedded-postgres';

const EMBEDDED = Symbol('EmbeddedPostgres');

/** Where the database is: DATABASE_URL, or PGlite under DATA_DIR started on demand. */
@Global()
@Module({
  providers: [
    {
      provide: EMBEDDED,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<EmbeddedPostgres | null> =>
        config.databaseUrl ? null : startEmbeddedPostgres(embeddedDataDir(config.dataDir)),
    },
  ],
  exports: [EMBEDDED],
})
class DatabaseLocationModule implements OnApplicationShutdown {
  constructor(@Inject(EMBEDDED) private readonly embedded: EmbeddedPostgres | null) {}

  // Runs after TypeORM has closed its pool: PGlite flushes and closes last.
  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}

@Module({
  imports: [
    DatabaseLocationModule,
    TypeOrmModule.forRootAsync({
      inject: [AppConfig, EMBEDDED],
      useFactory: (config: AppConfig, embedded: EmbeddedPostgres | null) => ({
        ...dataSourceOptions(embedded?.url ?? config.databaseUrl!, { poolSize: embedded ? 1 : config.databasePoolSize }),
        migrationsRun: true,
      }),
    }),
  ],
})
export class DatabaseModule {}
