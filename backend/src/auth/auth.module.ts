import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AllExceptionsFilter } from '../common/all-exceptions.filter';
import { LimitsModule } from '../limits/limits.module';
import { User } from '../users/user.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionGuard } from './session.guard';
import { Session } from './session.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Session]),
    LimitsModule,
    // Only routes that opt in (sign-in) are throttled; the numbers are set per route.
    ThrottlerModule.forRoot([{ name: 'login', ttl: 60_000, limit: 10 }]),
  ],
  controllers: [AuthController],
  providers: [AuthService, { provide: APP_GUARD, useClass: SessionGuard }, { provide: APP_FILTER, useClass: AllExceptionsFilter }],
  exports: [AuthService],
})
export class AuthModule {}
