import { createHash, randomBytes } from 'node:crypto';
import { Injectable, UnauthorizedException, BadRequestException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, Repository } from 'typeorm';
import { hashPassword, verifyPassword } from '../users/passwords';
import { User } from '../users/user.entity';
import type { AuthUser } from './auth-user';
import { Session } from './session.entity';

const SESSION_DAYS = 14;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both cases take the same time. */
  private readonly decoy = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
  ) {}

  async login(email: string, password: string): Promise<{ token: string; user: AuthUser; expiresAt: Date }> {
    const user = await this.users.findOne({ where: { email: email.trim().toLowerCase() } });
    const ok = await verifyPassword(user?.passwordHash ?? (await this.decoy), password);
    if (!user || !ok) throw new UnauthorizedException('Wrong email or password');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000);
    await this.sessions.insert({ tokenHash: hashToken(token), userId: user.id, expiresAt });
    await this.sessions.delete({ userId: user.id, expiresAt: LessThan(new Date()) });
    return { token, user: toAuthUser(user), expiresAt };
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.sessions.delete({ tokenHash: hashToken(token) });
  }

  async resolve(token: string | undefined): Promise<AuthUser | null> {
    if (!token || token.length > 200) return null;
    const session = await this.sessions.findOne({
      where: { tokenHash: hashToken(token), expiresAt: MoreThan(new Date()) },
      relations: { user: true },
    });
    return session?.user ? toAuthUser(session.user) : null;
  }

  /** Changing one's password signs out every other session of that user. */
  async changePassword(user: AuthUser, current: string, next: string, keepToken: string | undefined): Promise<void> {
    const row = await this.users.findOneOrFail({ where: { id: user.id } });
    if (!(await verifyPassword(row.passwordHash, current))) throw new BadRequestException('current: the current password is wrong');
    if (current === next) throw new BadRequestException('next: the new password must differ from the current one');
    await this.users.update({ id: user.id }, { passwordHash: await hashPassword(next), mustChangePassword: false });
    const sessions = await this.sessions.find({ where: { userId: user.id } });
    const keep = keepToken ? hashToken(keepToken) : '';
    await this.sessions.remove(sessions.filter((s) => s.tokenHash !== keep));
  }
}

export function toAuthUser(user: User): AuthUser {
  return { id: user.id, email: user.email, tenantId: user.tenantId, role: user.role, isAdmin: user.isAdmin, mustChangePassword: user.mustChangePassword };
}
