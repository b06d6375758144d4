import { MatchingResult, MatchingStats, Proposal } from '@km/matching';
import { ProposalsModule, ProposalWriter, WriteCounts } from '@km/proposals';
import { BuiltNeed, insertMatchingRun, insertNeed } from '../support/builders';
import { IntegrationContext, startIntegration } from '../support/integration';

const OREBRO = '1880';

/** A new_initiative proposal over the needs, as the engine returns it (three participants each). */
function proposalOver(id: string, needs: BuiltNeed[]): Proposal {
  return {
    id,
    kind: 'new_initiative',
    previousStatus: null,
    offeringId: null,
    startWindow: null,
    startDate: null,
    venueMunicipalityCode: OREBRO,
    countyCode: '18',
    needs: needs.map((n) => ({
      needId: n.needId,
      employerId: n.employerId,
      employerName: 'Företag AB',
      municipalityCode: OREBRO,
      participants: { total: 3, women: 1, men: 2 },
      distanceKm: 0,
      fit: 1,
    })),
    participants: { total: 3 * needs.length, women: needs.length, men: 2 * needs.length },
    employers: needs.length,
    employerIds: needs.map((n) => n.employerId),
    costPerParticipantSek: null,
    totalCostSek: 0,
    suggestedLearningCentreId: 'lc-orebro',
    competenceIds: ['truckkort-a-b'],
    theme: 'truck',
    score: 1,
    explanation: { summary: 'Tre arbetsgivare i Örebro', factors: [], leftOut: [], whatIf: [] },
  };
}

const resultOf = (proposals: Proposal[]): MatchingResult => ({
  proposals,
  unmetNeedIds: [],
  unmetClusters: [],
  belowMinimum: [],
  projectDrafts: [],
  stats: {} as MatchingStats,
});

describe('ProposalWriter (integration)', () => {
  let ctx: IntegrationContext;
  let writer: ProposalWriter;
  let needs: BuiltNeed[];
  let scope: string[];

  const write = async (proposals: Proposal[]): Promise<Omit<WriteCounts, 'projectDrafts'>> => {
    const runId = await insertMatchingRun(ctx.db, '18');
    const c = await ctx.db.transaction((tx) =>
      writer.write(tx, ['18'], runId, scope, resultOf(proposals), (municipality) =>
        municipality.slice(0, 2),
      ),
    );
    // The living drafts are another lib's concern (and have tests of their own).
    return {
      inserted: c.inserted,
      kept: c.kept,
      superseded: c.superseded,
      needsProposed: c.needsProposed,
      needsUnmet: c.needsUnmet,
    };
  };
  const statuses = async () =>
    (
      (await ctx.db.query(
        `SELECT status FROM need WHERE id = ANY ($1::uuid[]) ORDER BY array_position($1::uuid[], id)`,
        [scope],
      )) as { status: string }[]
    ).map((r) => r.status);
  const proposalStatus = async (id: string) =>
    (
      (await ctx.db.query(`SELECT status FROM proposal WHERE id = $1`, [id])) as {
        status: string;
      }[]
    )[0]?.status;

  beforeAll(async () => {
    ctx = await startIntegration([ProposalsModule]);
    writer = ctx.get(ProposalWriter);
    needs = [];
    for (let i = 0; i < 3; i++)
      needs.push(await insertNeed(ctx.db, { municipalityCode: OREBRO, status: 'received' }));
    scope = needs.map((n) => n.needId);
  });
  afterAll(() => ctx?.close());

  it('writes a new proposal, proposes its needs and marks the rest of the scope unmet', async () => {
    const counts = await write([proposalOver('p-int-writer', needs.slice(0, 2))]);

    expect(counts).toEqual({
      inserted: 1,
      kept: 0,
      superseded: 0,
      needsProposed: 2,
      needsUnmet: 1,
    });
    expect(await proposalStatus('p-int-writer')).toBe('open');
    const members = await ctx.db.query(
      `SELECT need_id FROM proposal_need WHERE proposal_id = 'p-int-writer' ORDER BY need_id`,
    );
    expect(members.map((m: { need_id: string }) => m.need_id)).toEqual(
      needs
        .slice(0, 2)
        .map((n) => n.needId)
        .sort(),
    );
    expect(await statuses()).toEqual(['proposed', 'proposed', 'unmet']);
  });

  it('keeps an unchanged proposal: a replayed write changes nothing', async () => {
    const counts = await write([proposalOver('p-int-writer', needs.slice(0, 2))]);

    expect(counts).toEqual({
      inserted: 0,
      kept: 1,
      superseded: 0,
      needsProposed: 0,
      needsUnmet: 0,
    });
    expect(await statuses()).toEqual(['proposed', 'proposed', 'unmet']);
  });

  it('supersedes an open proposal the run no longer finds, and opens it again when it returns', async () => {
    expect(await write([])).toEqual({
      inserted: 0,
      kept: 0,
      superseded: 1,
      needsProposed: 0,
      needsUnmet: 2,
    });
    expect(await proposalStatus('p-int-writer')).toBe('superseded');
    expect(await statuses()).toEqual(['unmet', 'unmet', 'unmet']);

    const again = await write([proposalOver('p-int-writer', needs.slice(0, 2))]);
    expect(again).toEqual({ inserted: 0, kept: 1, superseded: 0, needsProposed: 2, needsUnmet: 0 });
    expect(await proposalStatus('p-int-writer')).toBe('open');
  });

  it('never touches a decided proposal', async () => {
    await ctx.db.query(`UPDATE proposal SET status = 'rejected' WHERE id = 'p-int-writer'`);

    const counts = await write([]);

    expect(counts.superseded).toBe(0);
    expect(await proposalStatus('p-int-writer')).toBe('rejected');
  });
});
