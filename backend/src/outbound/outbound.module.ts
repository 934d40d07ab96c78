import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutboundGuard } from './outbound-guard';

@Global()
@Module({
  providers: [{ provide: OutboundGuard, inject: [AppConfig], useFactory: (config: AppConfig) => new OutboundGuard(config) }],
  exports: [OutboundGuard],
})
export class OutboundModule implements OnApplicationShutdown {
  constructor(private readonly guard: OutboundGuard) {}

  onApplicationShutdown(): void {
    this.guard.destroy();
  }
}
