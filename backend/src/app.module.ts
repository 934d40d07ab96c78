import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { BotsModule } from './bots/bots.module';
import { ChatModule } from './chat/chat.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { LlmModule } from './llm/llm.module';
import { Tenant } from './tenants/tenant.entity';
import { User } from './users/user.entity';
import { WidgetAssetsModule } from './widget-assets/widget-assets.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        TypeOrmModule.forFeature([Tenant, User]),
        AuthModule,
        LlmModule,
        BotsModule,
        ChatModule,
        DemoModule,
        HealthModule,
        WidgetAssetsModule,
      ],
    };
  }
}
