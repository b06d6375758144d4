import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from './role';

/**
 * An account. The role fixes the scope: provider and broker belong to a learning centre,
 * regional staff to a county, an admin to neither (a CHECK constraint holds this in the database).
 */
@Entity({ name: 'app_user' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Index('UQ_app_user_email', { unique: true })
  @Column({ type: 'text' })
  email: string;

  /** argon2id, PHC string format. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'learning_centre_id', type: 'text', nullable: true })
  learningCentreId: string | null;

  @Column({ name: 'county_code', type: 'char', length: 2, nullable: true })
  countyCode: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Carried in every access token; bumping it (logout, password change, disabling) revokes them all. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
