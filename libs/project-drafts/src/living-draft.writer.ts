import { Inject, Injectable } from '@nestjs/common';
import { UNKNOWN_THEME_SV } from '@km/labels';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@km/config';
import { currentInstant } from '@km/common';
import { composeProjectDraft } from './domain/project-draft.composer';
import type { DraftItemRow, ProjectDraftDocument } from './domain/project-draft.types';

/**
 * The items of a county's drafts: approved initiatives that are not cancelled, and open
 * proposals of new cohorts (not fills of a planned initiative). Rejected and superseded proposals (and cancelled initiatives) are never in a draft.
 * A proposal belongs to the county whose run matched it (`proposal.county_code`: where its
 * employers are), even when the venue lies in a neighbouring county, so only that county's run
 * ever writes its drafts.
 */
const ITEMS = `
  SELECT p.id AS "proposalId", p.kind AS "proposalKind", p.theme,
         CASE WHEN i.id IS NULL THEN 'proposal' ELSE 'initiative' END AS kind,
         i.id AS "initiativeId", coalesce(i.status, p.status) AS status,
         coalesce(i.title, o.title, 'Ny utbildning: ' || (SELECT string_agg(c.label, ', ' ORDER BY c.label)
                                                         FROM competence c WHERE c.id = ANY (p.competence_ids)),
                  p.theme) AS title,
         p.venue_municipality_code AS "venueMunicipalityCode", vm.name AS "venueMunicipalityName",
         coalesce(i.start_date, p.start_date)::text AS "startDate",
         CASE WHEN p.kind = 'new_initiative' THEN 'onsite' ELSE o.delivery_mode END AS "deliveryMode",
         p.total_cost_sek::float8 AS "totalCostSek",
         coalesce((SELECT json_agg(json_build_object('needId', n.id, 'employerId', e.id,
                          'employerName', e.name, 'municipalityCode', n.municipality_code,
                          'municipalityName', m.name, 'employees', e.employees,
                          'participants', json_build_object('total', n.participants_total,
                              'women', n.participants_women, 'men', n.participants_men),
                          'ageBand', n.age_band, 'educationLevel', n.education_level) ORDER BY n.id)
                     -- The members first, then each need by its key: a filter over every need
                     -- per item cost seconds for a county of thousands of needs.
                     FROM (SELECT pn.need_id FROM proposal_need pn
                            WHERE i.id IS NULL AND pn.proposal_id = p.id
                           UNION ALL
                           SELECT x.need_id FROM initiative_need x
                            WHERE i.id IS NOT NULL AND x.initiative_id = i.id AND x.committed) member
                     JOIN need n ON n.id = member.need_id
                     JOIN employer e ON e.id = n.employer_id
                     JOIN municipality m ON m.code = n.municipality_code), '[]') AS needs
    FROM proposal p
    LEFT JOIN initiative i ON i.proposal_id = p.id AND p.status = 'approved'
    LEFT JOIN offering o ON o.id = p.offering_id
    JOIN municipality vm ON vm.code = p.venue_municipality_code
   WHERE p.county_code = $1
     -- A fill adds needs to an initiative already in the draft; once approved they are in it.
     AND p.kind <> 'fill_initiative'
     AND (p.status = 'open' OR (p.status = 'approved' AND i.id IS NOT NULL AND i.status <> 'cancelled'))
     AND ($2::text[] IS NULL OR p.theme = ANY ($2))`;

/**
 * Writes the living ESF project drafts: one per county × theme, recomputed from the county's
 * items on every run of that county (and on each broker decision, so a rejected proposal leaves
 * its draft at once). The only writer of `project_draft`; approved snapshots live in their own
 * table and are never touched here.
 */
@Injectable()
export class LivingDraftWriter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Recomputes every draft of the county (or only those of `onlyThemes`: a change that touched only
   * proposals of those themes) inside the caller's transaction; returns how many have content.
   */
  async recomputeCounty(
    tx: EntityManager,
    countyCode: string,
    runId: string | null,
    onlyThemes: readonly string[] | null = null,
  ): Promise<number> {
    const rows: (DraftItemRow & { theme: string })[] = await tx.query(ITEMS, [
      countyCode,
      onlyThemes,
    ]);
    const [county]: { name: string }[] = await tx.query(`SELECT name FROM county WHERE code = $1`, [
      countyCode,
    ]);
    const existing: { theme: string }[] = await tx.query(
      `SELECT theme FROM project_draft WHERE county_code = $1 AND ($2::text[] IS NULL OR theme = ANY ($2))`,
      [countyCode, onlyThemes],
    );
    const themes = [
      ...new Set([...rows.map((r) => r.theme), ...existing.map((e) => e.theme)]),
    ].sort();
    if (themes.length === 0) return 0;
    const labels = new Map<string, string>(
      (
        await tx.query(`SELECT id, label FROM competence_area WHERE id = ANY ($1::text[])`, [
          themes,
        ])
      ).map((r: { id: string; label: string }) => [r.id, r.label]),
    );
    const computedAt = currentInstant().toISOString();
    let withContent = 0;
    for (const theme of themes) {
      const document = composeProjectDraft(
        {
          countyCode,
          countyName: county?.name ?? countyCode,
          theme,
          themeLabel: labels.get(theme) ?? UNKNOWN_THEME_SV,
          computedAt,
        },
        rows.filter((r) => r.theme === theme),
        this.config.esf,
      );
      if (document.items.length > 0) withContent++;
      await this.upsert(tx, document, runId);
    }
    return withContent;
  }

  /** The id is a UUID given once; a county × theme keeps it for good (the unique key). */
  private async upsert(tx: EntityManager, d: ProjectDraftDocument, runId: string | null) {
    await tx.query(
      `INSERT INTO project_draft AS pd (id, county_code, theme, status, eligible, flags, proposal_ids,
              employer_ids, employers, participants_total, participants_women, participants_men,
              sme_share, budget_sek, horizontal_criteria, document, run_id)
       VALUES (new_row_uuid()::text, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (county_code, theme) DO UPDATE SET
              status = EXCLUDED.status, eligible = EXCLUDED.eligible, flags = EXCLUDED.flags,
              proposal_ids = EXCLUDED.proposal_ids, employer_ids = EXCLUDED.employer_ids,
              employers = EXCLUDED.employers, participants_total = EXCLUDED.participants_total,
              participants_women = EXCLUDED.participants_women, participants_men = EXCLUDED.participants_men,
              sme_share = EXCLUDED.sme_share, budget_sek = EXCLUDED.budget_sek,
              horizontal_criteria = EXCLUDED.horizontal_criteria, document = EXCLUDED.document,
              run_id = coalesce(EXCLUDED.run_id, pd.run_id), updated_at = now()
        -- An unchanged draft keeps its row as it is (and its updated_at).
        WHERE pd.document IS NULL OR pd.document - 'computedAt' IS DISTINCT FROM EXCLUDED.document - 'computedAt'
           OR pd.status IS DISTINCT FROM EXCLUDED.status`,
      [
        d.countyCode,
        d.theme,
        d.items.length > 0 ? 'draft' : 'empty',
        d.eligible,
        d.criteria.filter((c) => !c.met).map((c) => c.name),
        d.proposalIds,
        d.employers.map((e) => e.id),
        d.employers.length,
        d.participants.total,
        d.participants.women,
        d.participants.men,
        d.smeShare ?? 0,
        d.budget.totalSek,
        JSON.stringify(d.horizontalCriteria),
        JSON.stringify(d),
        runId,
      ],
    );
  }
}
