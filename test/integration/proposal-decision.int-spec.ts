import { DomainEventType } from '@km/queue';
import {
  InitiativesModule,
  NeedAlreadyCommittedError,
  ProposalDecisionService,
  ProposalNotOpenError,
} from '@km/initiatives';
import { OutOfScopeError } from '@km/common';
import { insertNeed, insertProposal } from '../support/builders';
import { callerAs, IntegrationContext, startIntegration } from '../support/integration';

const OREBRO = '1880';
const KUMLA = '1882';
const ESKILSTUNA = '0484';

describe('ProposalDecisionService (integration)', () => {
  let ctx: IntegrationContext;
  let decisions: ProposalDecisionService;
  const admin = callerAs('admin');
  const status = async (table: 'need' | 'proposal', id: string) =>
    (
      (await ctx.db.query(`SELECT status FROM ${table} WHERE id = $1`, [id])) as {
        status: string;
      }[]
    )[0].status;

  beforeAll(async () => {
    ctx = await startIntegration([InitiativesModule]);
    decisions = ctx.get(ProposalDecisionService);
  });
  afterAll(() => ctx?.close());

  it('approves an open proposal: an initiative over its needs, the needs matched, overlapping proposals superseded, one event and one audit row', async () => {
    const a = await insertNeed(ctx.db, { municipalityCode: OREBRO });
    const b = await insertNeed(ctx.db, { municipalityCode: KUMLA });
    const proposal = await insertProposal(ctx.db, { needs: [a, b], venueMunicipalityCode: OREBRO });
    const overlapping = await insertProposal(ctx.db, { needs: [b], venueMunicipalityCode: KUMLA });

    const { initiativeId } = await decisions.approve(admin, proposal, 'Bra förslag');

    expect(await status('proposal', proposal)).toBe('approved');
    expect(await status('proposal', overlapping)).toBe('superseded');
    expect(await status('need', a.needId)).toBe('matched');
    expect(await status('need', b.needId)).toBe('matched');
    const members = await ctx.db.query(
      `SELECT need_id FROM initiative_need WHERE initiative_id = $1 AND committed ORDER BY need_id`,
      [initiativeId],
    );
    expect(members.map((m: { need_id: string }) => m.need_id)).toEqual([a.needId, b.needId].sort());
    const events = await ctx.db.query(
      `SELECT type, county_code, payload FROM outbox WHERE aggregate_id = $1`,
      [proposal],
    );
    expect(events).toEqual([
      {
        type: DomainEventType.ProposalApproved,
        county_code: '18',
        payload: {
          initiativeId,
          needIds: [a.needId, b.needId].sort(),
          supersededProposalIds: [overlapping],
        },
      },
    ]);
    const audit = await ctx.db.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY created_at`,
      [proposal],
    );
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['proposal.approve']);
  });

  it('answers a proposal whose need is already committed with a conflict and supersedes it', async () => {
    const shared = await insertNeed(ctx.db, { municipalityCode: OREBRO });
    const first = await insertProposal(ctx.db, { needs: [shared], venueMunicipalityCode: OREBRO });
    await decisions.approve(admin, first);
    // Written after the approval, as a stale run might have left it.
    const late = await insertProposal(ctx.db, { needs: [shared], venueMunicipalityCode: OREBRO });

    await expect(decisions.approve(admin, late)).rejects.toBeInstanceOf(NeedAlreadyCommittedError);
    expect(await status('proposal', late)).toBe('superseded');
    await expect(decisions.approve(admin, first)).rejects.toBeInstanceOf(ProposalNotOpenError);
  });

  it('rejects an open proposal and leaves its needs open', async () => {
    const need = await insertNeed(ctx.db, { municipalityCode: OREBRO });
    const proposal = await insertProposal(ctx.db, { needs: [need], venueMunicipalityCode: OREBRO });

    const result = await decisions.reject(admin, proposal, 'Passar inte');

    expect(result).toEqual({ id: proposal, status: 'rejected', rejectedPairs: 0 });
    expect(await status('proposal', proposal)).toBe('rejected');
    expect(await status('need', need.needId)).toBe('proposed');
  });

  it('refuses a broker a proposal outside their municipalities', async () => {
    const need = await insertNeed(ctx.db, { municipalityCode: ESKILSTUNA });
    const proposal = await insertProposal(ctx.db, {
      needs: [need],
      venueMunicipalityCode: ESKILSTUNA,
      learningCentreId: 'viadidakt',
    });
    const broker = callerAs('broker', [OREBRO, KUMLA], { learningCentreId: 'lc-orebro' });

    await expect(decisions.approve(broker, proposal)).rejects.toBeInstanceOf(OutOfScopeError);
    expect(await status('proposal', proposal)).toBe('open');
  });
});
