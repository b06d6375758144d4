import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { foldForSearch } from './text-folding';

export interface MunicipalityView {
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
  lat: number;
  lon: number;
}

export interface CompetenceView {
  id: string;
  label: string;
  synonyms: string[];
  area: string;
  areaLabel: string;
  broaderId: string | null;
}

export interface LearningCentreView {
  id: string;
  name: string;
  kind: string;
  seatMunicipalityCode: string;
  municipalityCodes: string[];
}

/** Whom an employer calls about a need: the learning centre serving its municipality. */
export interface ServingLearningCentre {
  id: string;
  name: string;
  contact: {
    name: string | null;
    email: string | null;
    phone: string | null;
    url: string | null;
    /** The details are made up (demo data). */
    isDemo: boolean;
  };
}

export const COMPETENCE_SEARCH_LIMIT = 20;

/**
 * Trigram word similarity (pg_trgm) a misspelt query needs to find a concept: "trukkort" ~
 * "truckkort" is 0.58, "svetts" ~ "svetsning" 0.63, a short word like "exsel" ~ "excel" only
 * 0.33. Typo matches rank after every exact, prefix and substring match, so a lenient threshold
 * adds candidates at the end of the list and never pushes a correct spelling down.
 */
export const COMPETENCE_TYPO_SIMILARITY = 0.3;

/** Read access to the reference data: municipalities, counties, learning centres, competences. */
@Injectable()
export class ReferenceService {
  private readonly confirmed = {
    municipality: new Set<string>(),
    sniSection: new Set<string>(),
    competence: new Set<string>(),
  };

  private readonly servingCentres = new Map<string, Promise<ServingLearningCentre | null>>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async municipalities(countyCode?: string): Promise<MunicipalityView[]> {
    const rows = await this.db.query(
      `SELECT m.code, m.name, m.county_code AS "countyCode", c.name AS "countyName", m.lat, m.lon
         FROM municipality m JOIN county c ON c.code = m.county_code
        WHERE ($1::text IS NULL OR m.county_code = $1)
        ORDER BY m.code`,
      [countyCode ?? null],
    );
    return rows;
  }

  async counties(): Promise<{ code: string; name: string }[]> {
    return this.db.query(`SELECT code, name FROM county ORDER BY code`);
  }

  async sniSections(): Promise<{ code: string; label: string }[]> {
    return this.db.query(`SELECT code, label FROM sni_section ORDER BY code`);
  }

  async learningCentres(): Promise<LearningCentreView[]> {
    return this.db.query(
      `SELECT lc.id, lc.name, lc.kind, lc.seat_municipality_code AS "seatMunicipalityCode",
              array_agg(lcm.municipality_code ORDER BY lcm.municipality_code) AS "municipalityCodes"
         FROM learning_centre lc
         JOIN learning_centre_municipality lcm ON lcm.learning_centre_id = lc.id
        GROUP BY lc.id ORDER BY lc.name`,
    );
  }

  /** The learning centre that serves the municipality, with its contact details; null if none. */
  learningCentreServing(municipalityCode: string): Promise<ServingLearningCentre | null> {
    // Reference data changes only with a deploy; at most one entry per municipality.
    let found = this.servingCentres.get(municipalityCode);
    if (!found) {
      found = this.loadServingCentre(municipalityCode);
      found.catch(() => this.servingCentres.delete(municipalityCode));
      this.servingCentres.set(municipalityCode, found);
    }
    return found;
  }

  private async loadServingCentre(municipalityCode: string): Promise<ServingLearningCentre | null> {
    const rows: ServingLearningCentre[] = await this.db.query(
      `SELECT lc.id, lc.name,
              json_build_object('name', lc.contact_name, 'email', lc.contact_email,
                                'phone', lc.contact_phone, 'url', lc.contact_url,
                                'isDemo', lc.contact_is_demo) AS contact
         FROM learning_centre_municipality lcm
         JOIN learning_centre lc ON lc.id = lcm.learning_centre_id
        WHERE lcm.municipality_code = $1
        ORDER BY lc.id LIMIT 1`,
      [municipalityCode],
    );
    return rows[0] ?? null;
  }

  /**
   * Ranked competence search over labels and synonyms, insensitive to case and diacritics.
   * Rank: exact label or synonym, label prefix, word prefix in label, word prefix in a synonym,
   * substring anywhere, and last — so a typo still finds the concept ("trukkort", "svetts") —
   * trigram word similarity with the label or a synonym (pg_trgm), best first; ties go to the
   * shorter (more general) label.
   */
  async searchCompetences(
    query: string | undefined,
    limit = COMPETENCE_SEARCH_LIMIT,
  ): Promise<CompetenceView[]> {
    const folded = foldForSearch(query ?? '');
    const select = `SELECT c.id, c.label, c.synonyms, c.area_id AS area, a.label AS "areaLabel",
                           c.broader_id AS "broaderId"
                      FROM competence c JOIN competence_area a ON a.id = c.area_id`;
    if (!folded) {
      return this.db.query(`${select} ORDER BY a.label, c.label LIMIT $1`, [limit]);
    }
    const like = folded.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    return this.db.query(
      `${select},
         LATERAL (SELECT greatest(word_similarity($1, c.label_folded),
                    (SELECT max(word_similarity($1, s)) FROM unnest(c.synonyms_folded) s)) AS similarity) t,
         LATERAL (SELECT CASE
            WHEN c.label_folded = $1 OR $1 = ANY (c.synonyms_folded) THEN 0
            WHEN c.label_folded LIKE $2 || '%' THEN 1
            WHEN ' ' || c.label_folded LIKE '% ' || $2 || '%' THEN 2
            WHEN EXISTS (SELECT 1 FROM unnest(c.synonyms_folded) s WHERE ' ' || s LIKE '% ' || $2 || '%') THEN 3
            WHEN c.label_folded LIKE '%' || $2 || '%'
              OR EXISTS (SELECT 1 FROM unnest(c.synonyms_folded) s WHERE s LIKE '%' || $2 || '%') THEN 4
            WHEN t.similarity >= $4 THEN 5
          END AS rank) r
        WHERE r.rank IS NOT NULL
        ORDER BY r.rank, CASE WHEN r.rank = 5 THEN -t.similarity ELSE 0 END, length(c.label), c.label
        LIMIT $3`,
      [folded, like, limit, COMPETENCE_TYPO_SIMILARITY],
    );
  }

  /** Which of the given competence ids do not exist (for validating input). */
  async unknownCompetenceIds(ids: string[]): Promise<string[]> {
    const unconfirmed = ids.filter((id) => !this.confirmed.competence.has(id));
    if (unconfirmed.length === 0) return [];
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM competence WHERE id = ANY ($1)`,
      [unconfirmed],
    );
    for (const row of rows) this.confirmed.competence.add(row.id);
    return unconfirmed.filter((id) => !this.confirmed.competence.has(id));
  }

  async municipalityExists(code: string): Promise<boolean> {
    return this.exists('municipality', `SELECT 1 FROM municipality WHERE code = $1`, code);
  }

  async sniSectionExists(code: string): Promise<boolean> {
    return this.exists('sniSection', `SELECT 1 FROM sni_section WHERE code = $1`, code);
  }

  /**
   * Reference rows are never deleted (needs and offerings point at them), so a code once found
   * stays valid: validation on the intake path asks the database only about codes it has not
   * seen yet (bounded by the reference data's size), and always about unknown ones.
   */
  private async exists(kind: 'municipality' | 'sniSection', sql: string, code: string) {
    if (this.confirmed[kind].has(code)) return true;
    const rows = await this.db.query(sql, [code]);
    if (rows.length > 0) this.confirmed[kind].add(code);
    return rows.length > 0;
  }

  async countyExists(code: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM county WHERE code = $1`, [code]);
    return rows.length > 0;
  }
}
