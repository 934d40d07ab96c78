import { ConflictException } from '@nestjs/common';
import { QueryFailedError, Repository } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * Inserts a user who must change the first password; an email in use anywhere is a 409. Checked
 * first so the usual case does not reach the database as a failed (and logged) insert; the
 * unique index decides a race.
 */
export async function insertNewUser(
  repo: Repository<User>,
  fields: Pick<User, 'tenantId' | 'email' | 'role' | 'passwordHash'>,
  field = 'email',
): Promise<User> {
  const taken = () => new ConflictException(`${field}: already in use`);
  if (await repo.existsBy({ email: fields.email })) throw taken();
  try {
    return await repo.save(repo.create({ ...fields, mustChangePassword: true }));
  } catch (error) {
    if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'users_email_key') {
      throw taken();
    }
    throw error;
  }
}
