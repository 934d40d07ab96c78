import type { DataSource } from 'typeorm';
import { Session } from '../auth/session.entity';
import { generatePassword, hashPassword } from '../users/passwords';
import { User } from '../users/user.entity';
import { CliError } from './cli-error';

export interface PasswordReset {
  email: string;
  password: string;
  sessionsEnded: number;
}

/**
 * A new one-time password for an account: like a first password, it must be changed at the next
 * sign-in, and whoever is signed in with the old one is signed out.
 */
export async function resetPassword(db: DataSource, email: string): Promise<PasswordReset> {
  const wanted = email.trim().toLowerCase();
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await tx.findOne(User, { where: { email: wanted } });
    if (!user) {
      // The operator may not know the first account's email (admin@example.com unless set).
      const admins = await tx.find(User, { where: { isAdmin: true }, order: { createdAt: 'ASC' } });
      const hint = admins.length ? ` The installation's admins: ${admins.map((a) => a.email).join(', ')}.` : '';
      throw new CliError(`No account has the email ${wanted}.${hint}`);
    }
    await tx.update(User, { id: user.id }, { passwordHash, mustChangePassword: true });
    const { affected } = await tx.delete(Session, { userId: user.id });
    return { email: user.email, password, sessionsEnded: affected ?? 0 };
  });
}
