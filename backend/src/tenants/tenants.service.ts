import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { insertNewUser } from '../members/new-user';
import { hashPassword } from '../users/passwords';
import { User } from '../users/user.entity';
import type { CreateTenantDto } from './tenants.dto';
import { Tenant } from './tenant.entity';

/** The installation's tenants, for its admin. */
@Injectable()
export class TenantsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A tenant and its first owner, who must change the password the admin chose. */
  async create(dto: CreateTenantDto) {
    const passwordHash = await hashPassword(dto.owner.password);
    return this.db.transaction(async (tx) => {
      const tenant = await tx.save(Tenant, tx.create(Tenant, { name: dto.name }));
      const owner = await insertNewUser(tx.getRepository(User), { tenantId: tenant.id, email: dto.owner.email, role: 'owner', passwordHash }, 'owner.email');
      return { tenant: { id: tenant.id, name: tenant.name, createdAt: tenant.createdAt }, owner: { id: owner.id, email: owner.email } };
    });
  }

  async list() {
    const rows = await this.db
      .createQueryBuilder()
      .select(['t.id AS id', 't.name AS name', 't.created_at AS "createdAt"'])
      .addSelect('(SELECT COUNT(*)::int FROM users u WHERE u.tenant_id = t.id)', 'members')
      .addSelect('(SELECT COUNT(*)::int FROM bots b WHERE b.tenant_id = t.id)', 'bots')
      .from(Tenant, 't')
      .orderBy('t.created_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getRawMany<{ id: string; name: string; createdAt: Date; members: number; bots: number }>();
    return rows;
  }
}
