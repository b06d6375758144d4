import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@km/audit';
import { AccessDeniedError, AuthUser, coversMunicipality } from '@km/auth';
import { NotFoundError } from '@km/common';
import { OrganisationNumber } from './organisation-number.value-object';

/** The stored facts about an employer, as a broker confirms them. */
export interface EmployerFacts {
  orgNumber: string;
  name: string;
  municipalityCode: string;
  sniSection: string;
  employees: number;
  sizeBand: string;
  /** When a broker or admin last confirmed these facts; null while they are as first submitted. */
  confirmedAt: string | null;
}

interface EmployerRow {
  id: string;
  org_number: string;
  name: string;
  municipality_code: string;
  sni_section: string;
  employees: number;
  size_band: string;
  confirmed_at: Date | null;
}

/**
 * Employer facts are public-register data that anyone could type into the intake form, so they
 * change only when staff confirm them: a broker adopts what one need's submitter said.
 */
@Injectable()
export class EmployersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Replaces the employer's stored facts by those the given need's submitter gave, audited with
   * the facts before and after. The need must be the employer's and in the caller's scope.
   * @throws InvalidInputError for a malformed organisationsnummer; NotFoundError for an unknown
   * employer or a need that is not this employer's; AccessDeniedError outside the caller's scope.
   */
  async confirmFromNeed(orgNumber: string, needId: string, user: AuthUser): Promise<EmployerFacts> {
    const parsed = OrganisationNumber.require(orgNumber);
    return this.db.transaction(async (tx) => {
      const [employer]: EmployerRow[] = await tx.query(
        `SELECT * FROM employer WHERE org_number = $1 FOR UPDATE`,
        [parsed.digits],
      );
      if (!employer) throw new NotFoundError('Employer', parsed.formatted);
      const [need]: {
        municipality_code: string;
        submitted: Omit<EmployerFacts, 'orgNumber' | 'confirmedAt'> | null;
      }[] = await tx.query(
        `SELECT municipality_code, submitted_employer AS submitted FROM need
          WHERE id::text = $1 AND employer_id = $2`,
        [needId, employer.id],
      );
      if (!need) throw new NotFoundError('Need', `${needId} of this employer`);
      if (!coversMunicipality(user, need.municipality_code)) {
        throw new AccessDeniedError('This need is outside your region');
      }
      const before = toFacts(employer);
      if (!need.submitted) return before;
      const s = need.submitted;
      // UPDATE … RETURNING answers [rows, affected count] through TypeORM.
      const [[updated]]: [EmployerRow[], number] = await tx.query(
        `UPDATE employer SET name = $2, municipality_code = $3, sni_section = $4, employees = $5,
                size_band = $6, confirmed_at = now(), confirmed_by = $7, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [employer.id, s.name, s.municipalityCode, s.sniSection, s.employees, s.sizeBand, user.id],
      );
      const after = toFacts(updated);
      await this.audit.record(tx, {
        actor: { id: user.id, email: user.email, role: user.role },
        action: 'employer.confirm',
        entityType: 'employer',
        entityId: employer.id,
        before,
        after: { ...after, fromNeedId: needId },
      });
      return after;
    });
  }
}

function toFacts(row: EmployerRow): EmployerFacts {
  return {
    orgNumber: row.org_number,
    name: row.name,
    municipalityCode: row.municipality_code,
    sniSection: row.sni_section,
    employees: row.employees,
    sizeBand: row.size_band,
    confirmedAt: row.confirmed_at ? row.confirmed_at.toISOString() : null,
  };
}
