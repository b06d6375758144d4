import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, FieldProblem, InvalidInputError, NotFoundError } from '@km/common';
import { hashPassword } from './password';
import { LEARNING_CENTRE_ROLES, Role } from './role';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  learningCentreId?: string | null;
  countyCode?: string | null;
}

export interface AccountChange {
  password?: string;
  disabled?: boolean;
}

export interface UserPage {
  items: User[];
  total: number;
}

export class EmailTakenError extends DomainError {
  constructor() {
    super('conflict', 'email-taken', 'An account with this e-mail address already exists');
  }
}

/** Normalises an e-mail address the way it is stored and looked up. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates and lists accounts; the only place that writes app_user. */
@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Creates an account after checking that its scope fits its role and exists.
   * @throws InvalidInputError naming the field; EmailTakenError (409) for a duplicate e-mail.
   */
  async create(input: NewUser, manager: EntityManager = this.db.manager): Promise<User> {
    const email = normaliseEmail(input.email);
    await this.assertScope(input, manager);
    const passwordHash = await hashPassword(input.password);
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO app_user (email, password_hash, role, learning_centre_id, county_code)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, passwordHash, input.role, input.learningCentreId ?? null, input.countyCode ?? null],
    );
    if (rows.length === 0) throw new EmailTakenError();
    return manager.findOneByOrFail(User, { id: rows[0].id });
  }

  async list(limit: number, offset: number): Promise<UserPage> {
    const [items, total] = await this.db.manager.findAndCount(User, {
      order: { createdAt: 'ASC', email: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }

  /**
   * Changes an account's password and/or disables or re-enables it. Either change revokes the
   * account's tokens at once, so a stolen session does not outlive the response to the theft.
   * @throws NotFoundError for an unknown account.
   */
  async update(id: string, change: AccountChange): Promise<User> {
    return this.db.transaction(async (tx) => {
      const user = await tx.findOneBy(User, { id });
      if (!user) throw new NotFoundError('Account', id);
      const passwordHash =
        change.password === undefined ? user.passwordHash : await hashPassword(change.password);
      await tx.query(
        `UPDATE app_user SET password_hash = $2, disabled = $3, token_version = token_version + 1
          WHERE id = $1`,
        [id, passwordHash, change.disabled ?? user.disabled],
      );
      return tx.findOneByOrFail(User, { id });
    });
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.db.manager.findOneBy(User, { email: normaliseEmail(email) });
  }

  private async assertScope(input: NewUser, manager: EntityManager): Promise<void> {
    const problems: FieldProblem[] = [];
    const needsCentre = LEARNING_CENTRE_ROLES.includes(input.role);
    const needsCounty = input.role === 'regional';
    if (needsCentre && !input.learningCentreId) {
      problems.push({
        field: 'learningCentreId',
        message: `learningCentreId is required for the role ${input.role}`,
      });
    }
    if (!needsCentre && input.learningCentreId) {
      problems.push({
        field: 'learningCentreId',
        message: `learningCentreId must not be given for the role ${input.role}`,
      });
    }
    if (needsCounty && !input.countyCode) {
      problems.push({
        field: 'countyCode',
        message: 'countyCode is required for the role regional',
      });
    }
    if (!needsCounty && input.countyCode) {
      problems.push({
        field: 'countyCode',
        message: `countyCode must not be given for the role ${input.role}`,
      });
    }
    if (problems.length === 0 && input.learningCentreId) {
      const found = await manager.query(`SELECT 1 FROM learning_centre WHERE id = $1`, [
        input.learningCentreId,
      ]);
      if (found.length === 0) {
        problems.push({
          field: 'learningCentreId',
          message: `learningCentreId "${input.learningCentreId}" is not a known learning centre`,
        });
      }
    }
    if (problems.length === 0 && input.countyCode) {
      const found = await manager.query(`SELECT 1 FROM county WHERE code = $1`, [input.countyCode]);
      if (found.length === 0) {
        problems.push({
          field: 'countyCode',
          message: `countyCode "${input.countyCode}" is not a known county`,
        });
      }
    }
    if (problems.length) throw new InvalidInputError(problems);
  }
}
