import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthService, AuthUser, DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '@km/auth';
import { addDays, addMonths, DomainError, swedishDay } from '@km/common';
import {
  InitiativesService,
  ProjectDraftsService,
  ProposalDecisionService,
  BrokerWorkspaceService,
} from '@km/initiatives';
import { NeedExpiryService } from '@km/lifecycle';
import { NeedsService } from '@km/needs';
import { OfferingsService } from '@km/offerings';
import { MatchingRunService } from '@km/proposals';
import {
  drawFor,
  HISTORY_MONTHS,
  historyFormToken,
  HistoryPlan,
  planHistory,
  PlannedNeed,
} from './demo-history.plan';
import { HistoryClock } from './history-clock';

export interface DemoHistoryOptions {
  seed?: number;
  /** The day the history reaches; default today. */
  today?: string;
  /** Average needs per month over the region (default 26). */
  needsPerMonth?: number;
}

export interface DemoHistoryResult {
  skipped: boolean;
  /** Demo accounts created (an existing one is left as it is). */
  accounts: number;
  needs: number;
  offerings: number;
  matchingRuns: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  initiatives: { running: number; completed: number; cancelled: number };
  esfDraftsApproved: number;
}

/** Days between two matching rounds (and the brokers' decisions after them). */
const ROUND_DAYS = 28;

/**
 * The LC-KOMP region as a living history: 18 months of needs arriving with the seasons, the
 * matcher's runs, the demo brokers' decisions, initiatives that start, finish or are cancelled,
 * an approved ESF draft, a few withdrawn needs. Everything goes through the services that do it
 * in production, on a stepped clock (HistoryClock), so the rows obey the same rules.
 * Deterministic for a seed; a second call finds the first need of the plan and does nothing.
 */
@Injectable()
export class DemoHistorySeeder {
  private readonly logger = new Logger(DemoHistorySeeder.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly needs: NeedsService,
    private readonly offerings: OfferingsService,
    private readonly runs: MatchingRunService,
    private readonly decisions: ProposalDecisionService,
    private readonly workspace: BrokerWorkspaceService,
    private readonly initiatives: InitiativesService,
    private readonly drafts: ProjectDraftsService,
    private readonly expiry: NeedExpiryService,
  ) {}

  async seed(options: DemoHistoryOptions = {}): Promise<DemoHistoryResult> {
    const seed = options.seed ?? 1;
    const result: DemoHistoryResult = {
      skipped: false,
      accounts: 0,
      needs: 0,
      offerings: 0,
      matchingRuns: 0,
      approved: 0,
      rejected: 0,
      withdrawn: 0,
      initiatives: { running: 0, completed: 0, cancelled: 0 },
      esfDraftsApproved: 0,
    };
    if (await this.needs.submittedWithForm(historyFormToken(seed, 0))) {
      return { ...result, skipped: true, accounts: await seedDemoAccounts(this.db.manager) };
    }
    // Ids from the seed for the length of the run (see migration DemoIds): the matcher breaks
    // ties by id, so only then do two databases get the same history.
    await this.db.query(
      `INSERT INTO demo_id_seed (seed) VALUES ($1)
       ON CONFLICT (only_row) DO UPDATE SET seed = EXCLUDED.seed`,
      [`${seed}`],
    );
    try {
      return await this.play(seed, options, result);
    } finally {
      await this.db.query(`DELETE FROM demo_id_seed`);
    }
  }

  private async play(
    seed: number,
    options: DemoHistoryOptions,
    result: DemoHistoryResult,
  ): Promise<DemoHistoryResult> {
    const today = options.today ?? swedishDay();
    const firstMorning = instant(addMonths(today, -HISTORY_MONTHS), 6);
    const clock = new HistoryClock(this.db, firstMorning);
    // The accounts join on the history's first morning (ids and timestamps from the seed too).
    result.accounts = await clock.at(firstMorning, () => seedDemoAccounts(this.db.manager));
    const users = await this.demoUsers();
    const providers = [...users.values()].filter((u) => u.role === 'provider');
    const brokers = [...users.values()]
      .filter((u) => u.role === 'broker')
      .sort((a, b) => a.email.localeCompare(b.email));
    const places: { code: string; name: string }[] = await this.db.query(
      `SELECT DISTINCT m.code::text AS code, m.name FROM municipality m
         JOIN learning_centre_municipality lcm ON lcm.municipality_code = m.code ORDER BY 1`,
    );
    const plan = planHistory({
      seed,
      today,
      places,
      providers: providers.map((p) => ({ email: p.email, municipalityCodes: p.municipalityCodes })),
      needsPerMonth: options.needsPerMonth,
    });
    const spent = new Map<string, number>();
    const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
      const t0 = Date.now();
      try {
        return await work();
      } finally {
        spent.set(label, (spent.get(label) ?? 0) + Date.now() - t0);
      }
    };
    const tokens = new Map<number, string>();
    let nextNeed = 0;
    let nextOffering = 0;
    let round = 0;

    for (let day = plan.from; day < plan.to; day = addDays(day, 1)) {
      while (nextOffering < plan.offerings.length && plan.offerings[nextOffering].day === day) {
        const planned = plan.offerings[nextOffering++];
        const provider = users.get(planned.providerEmail)!;
        await timed('offer', () =>
          clock.at(instant(day, 7), () => this.offerings.create(provider, planned.offering)),
        );
        result.offerings++;
      }
      while (nextNeed < plan.needs.length && plan.needs[nextNeed].day === day) {
        const planned = plan.needs[nextNeed++];
        const submitted = await timed('need', () =>
          clock.at(instant(day, planned.hour), () =>
            this.needs.submitOnce(planned.submission, planned.formToken),
          ),
        );
        if (submitted.trackingToken) tokens.set(planned.index, submitted.trackingToken);
        result.needs++;
      }
      for (const planned of this.withdrawalsDue(plan, day)) {
        if (!tokens.has(planned.index)) continue;
        const withdrawn = await clock.at(instant(day, 16), () =>
          this.needs.withdraw(tokens.get(planned.index)!).then(
            () => true,
            (error) => ignoreDomain(error, false),
          ),
        );
        if (withdrawn) result.withdrawn++;
      }
      const dayIndex = Math.round((Date.parse(day) - Date.parse(plan.from)) / 86_400_000);
      if (dayIndex % 14 === 3) {
        await timed('lifecycle', () =>
          clock.at(instant(day, 8), () => this.moveInitiatives(seed, day, brokers, result)),
        );
      }
      if (dayIndex % ROUND_DAYS === ROUND_DAYS - 1) {
        round++;
        // The nightly jobs: needs whose window has closed expire, then the matcher runs over the
        // whole region at once (one load of the data, where a run per county loads it five times).
        await timed('expiry', () => clock.at(instant(day, 2), () => this.expiry.expire()));
        await timed('match', () =>
          clock.at(instant(day, 3), () =>
            this.runs.execute({
              id: `demo-history:${seed}:${round}`,
              countyCode: null,
              runId: null,
              trigger: 'nightly',
            }),
          ),
        );
        result.matchingRuns++;
        // Brokers decide on the morning after the run.
        await timed('decide', () =>
          clock.at(instant(addDays(day, 1), 9), () => this.decide(seed, brokers, result)),
        );
      }
      if (day === addDays(plan.from, 400) || day === addDays(plan.from, 500)) {
        await clock.at(instant(day, 13), () => this.approveEsfDraft(brokers, result));
      }
    }
    const moved = await timed('backdate', () => clock.backdate());
    this.logger.debug(`time per step kind (ms): ${JSON.stringify(Object.fromEntries(spent))}`);
    this.logger.log(`demo history: ${moved} timestamps moved to their simulated day`);
    return result;
  }

  /** The demo accounts as the services see them, signed in with the demo password. */
  private async demoUsers(): Promise<Map<string, AuthUser>> {
    const users = new Map<string, AuthUser>();
    for (const account of DEMO_ACCOUNTS) {
      if (account.role !== 'provider' && account.role !== 'broker') continue;
      const login = await this.auth.login(account.email, DEMO_PASSWORD);
      users.set(account.email, await this.auth.authenticate(login.accessToken));
    }
    return users;
  }

  private withdrawalsDue(plan: HistoryPlan, day: string): PlannedNeed[] {
    return plan.needs.filter(
      (n) => n.withdrawAfterDays !== null && addDays(n.day, n.withdrawAfterDays) === day,
    );
  }

  /**
   * Each broker goes through the open proposals of their municipalities: most joint cohorts of
   * three or more workplaces are approved, some rejected; a new course is approved less often, so
   * some demand stays unmet.
   */
  private async decide(seed: number, brokers: AuthUser[], result: DemoHistoryResult) {
    for (const broker of brokers) {
      const queue = await this.workspace.queue(broker, { status: 'open', limit: 200, offset: 0 });
      const items = queue.items
        .map((p) => ({
          ...p,
          key: [
            p.kind,
            p.title,
            p.venueMunicipality,
            p.startWindow?.from,
            p.participants,
            p.employers,
          ].join('|'),
        }))
        .sort((a, b) => a.key.localeCompare(b.key));
      for (const proposal of items) {
        // A new cohort of one or two workplaces waits for a third: pooling is the point of
        // brokering, and a lone pair of employers would keep the region's "employers per
        // initiative" behind the small-count rule.
        if (proposal.kind !== 'fill_initiative' && proposal.employers < 3) continue;
        const draw = drawFor(seed, proposal.key);
        const approveBelow = proposal.kind === 'joint_initiative' ? 0.7 : 0.3;
        const rejectBelow = approveBelow + (proposal.kind === 'joint_initiative' ? 0.12 : 0.25);
        try {
          if (draw < approveBelow) {
            await this.decisions.approve(
              broker,
              proposal.id,
              'Godkänt efter samtal med arbetsgivarna.',
            );
            result.approved++;
          } else if (draw < rejectBelow) {
            await this.decisions.reject(
              broker,
              proposal.id,
              proposal.kind === 'joint_initiative'
                ? 'Arbetsgivarna vill vänta till nästa termin.'
                : 'Inget underlag för en ny kurs just nu.',
            );
            result.rejected++;
          }
        } catch (error) {
          ignoreDomain(error, undefined);
        }
      }
    }
  }

  /**
   * Initiatives start on their start day (a few are cancelled first), run part-time for three to
   * nine weeks (so some are always running) and complete with most of their participants.
   */
  private async moveInitiatives(
    seed: number,
    today: string,
    brokers: AuthUser[],
    result: DemoHistoryResult,
  ) {
    for (const broker of brokers) {
      const { items } = await this.initiatives.list(broker, { limit: 1000, offset: 0 });
      const moving = items
        .filter((i) => i.status === 'planned' || i.status === 'running')
        .sort((a, b) => a.proposalId.localeCompare(b.proposalId));
      for (const initiative of moving) {
        const start = initiative.startDate ?? addDays(initiative.createdAt.slice(0, 10), 45);
        const key = `${initiative.title}|${start}|${initiative.participants.total}|${initiative.venueMunicipalityCode}`;
        const draw = drawFor(seed, key);
        try {
          if (initiative.status === 'planned' && start <= today) {
            // About one in ten is cancelled; the history always holds at least one.
            const noneYet = result.initiatives.cancelled === 0 && result.initiatives.running >= 5;
            if (draw < 0.1 || noneYet) {
              await this.initiatives.changeStatus(
                broker,
                initiative.id,
                'cancelled',
                null,
                'För få deltagare kunde börja på startdagen.',
              );
              result.initiatives.cancelled++;
            } else {
              await this.initiatives.changeStatus(broker, initiative.id, 'running');
              result.initiatives.running++;
            }
          } else if (
            initiative.status === 'running' &&
            addDays(start, 21 + Math.floor(draw * 42)) <= today
          ) {
            const keep = (n: number) => n - Math.floor(n * 0.25 * drawFor(seed, `${key}|${n}`));
            await this.initiatives.changeStatus(broker, initiative.id, 'completed', {
              completed: {
                women: keep(initiative.participants.women),
                men: keep(initiative.participants.men),
              },
            });
            result.initiatives.completed++;
          }
        } catch (error) {
          ignoreDomain(error, undefined);
        }
      }
    }
  }

  /** The Örebro län broker approves the first approvable ESF draft of the county. */
  private async approveEsfDraft(brokers: AuthUser[], result: DemoHistoryResult) {
    for (const broker of brokers) {
      const { items } = await this.drafts.list(broker, { status: 'draft', limit: 20, offset: 0 });
      for (const draft of items) {
        try {
          await this.drafts.approve(broker, draft.draftId);
          result.esfDraftsApproved++;
          return;
        } catch (error) {
          ignoreDomain(error, undefined);
        }
      }
    }
  }
}

/** A UTC instant on `day` at `hour` (07–16 UTC is the same calendar day in Sweden). */
function instant(day: string, hour: number): Date {
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
}

/** A refusal by the rules (already committed, start passed, …) is part of the history. */
function ignoreDomain<T>(error: unknown, value: T): T {
  if (error instanceof DomainError) return value;
  throw error;
}
