import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, In } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword } from '../users/passwords';
import { User } from '../users/user.entity';
import type { CreateMemberDto } from './members.dto';
import { insertNewUser } from './new-user';

export interface MemberView {
  id: string;
  email: string;
  role: User['role'];
  mustChangePassword: boolean;
  createdAt: Date;
}

/** The people of one tenant. Members get a first password from the owner and must change it. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  /** Every staff member of a tenant, oldest account first (the inbox's presence list). */
  async staffOf(tenantId: string): Promise<{ id: string; email: string }[]> {
    const rows = await this.users.find({ where: { tenantId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((u) => ({ id: u.id, email: u.email }));
  }

  /** Emails of these users, for naming the authors of staff messages. */
  async emailsOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.users.find({ where: { id: In(ids) } });
    return new Map(rows.map((u) => [u.id, u.email]));
  }

  async list(user: AuthUser): Promise<MemberView[]> {
    const rows = await this.users.find({ where: { tenantId: user.tenantId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toMemberView);
  }

  async create(user: AuthUser, dto: CreateMemberDto): Promise<MemberView> {
    const row = await insertNewUser(this.users, { tenantId: user.tenantId, email: dto.email, role: dto.role, passwordHash: await hashPassword(dto.password) });
    return toMemberView(row);
  }

  /**
   * Removes a member (their sessions go with them). The tenant's owners are locked while
   * counting, so two owners removing each other at once cannot leave the tenant with none.
   */
  async remove(user: AuthUser, id: string): Promise<void> {
    if (id === user.id) throw new BadRequestException('id: you cannot remove yourself');
    await this.db.transaction(async (tx) => {
      const owners = await tx.query<{ id: string }[]>(`SELECT id FROM users WHERE tenant_id = $1 AND role = 'owner' FOR UPDATE`, [user.tenantId]);
      const member = await tx.findOne(User, { where: { id, tenantId: user.tenantId } });
      if (!member) throw new NotFoundException('No such member');
      if (member.isAdmin) throw new BadRequestException('id: the installation admin cannot be removed');
      if (member.role === 'owner' && owners.length <= 1) throw new BadRequestException('id: the last owner of the tenant cannot be removed');
      await tx.delete(User, { id: member.id, tenantId: user.tenantId });
    });
  }
}

function toMemberView(user: User): MemberView {
  return { id: user.id, email: user.email, role: user.role, mustChangePassword: user.mustChangePassword, createdAt: user.createdAt };
}
