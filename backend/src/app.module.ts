import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { BotsModule } from './bots/bots.module';
import { ChatModule } from './chat/chat.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConversationsModule } from './conversations/conversations.module';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { LlmModule } from './llm/llm.module';
import { MembersModule } from './members/members.module';
import { MetricsModule } from './metrics/metrics.module';
import { OpenApiModule } from './openapi/openapi.module';
import { PreviewModule } from './preview/preview.module';
import { TenantsModule } from './tenants/tenants.module';
import { Tenant } from './tenants/tenant.entity';
import { UsageModule } from './usage/usage.module';
import { User } from './users/user.entity';
import { WidgetAssetsModule } from './widget-assets/widget-assets.module';
import { ConsoleAssetsModule } from './console-assets/console-assets.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        MetricsModule,
        JobsModule,
        TypeOrmModule.forFeature([Tenant, User]),
        AuthModule,
        LlmModule,
        BotsModule,
        PreviewModule,
        KnowledgeModule,
        MembersModule,
        TenantsModule,
        ChatModule,
        ConversationsModule,
        UsageModule,
        DemoModule,
        HealthModule,
        WidgetAssetsModule,
        ConsoleAssetsModule,
        OpenApiModule,
      ],
    };
  }
}
