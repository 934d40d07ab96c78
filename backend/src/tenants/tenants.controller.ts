import { Body, Controller, Get, Post } from '@nestjs/common';
import { AdminOnly } from '../auth/auth.decorators';
import { ZodPipe } from '../common/zod.pipe';
import { createTenantSchema, CreateTenantDto } from './tenants.dto';
import { TenantsService } from './tenants.service';

@Controller('api/tenants')
@AdminOnly()
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  create(@Body(new ZodPipe(createTenantSchema)) dto: CreateTenantDto) {
    return this.tenants.create(dto);
  }

  @Get()
  async list() {
    return { tenants: await this.tenants.list() };
  }
}
