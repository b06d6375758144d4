import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@km/audit';
import { AuthUser } from '@km/auth';
import { flagInitiatives, plannedInitiativesOnOffering } from '@km/initiatives';
import { NotificationService } from '@km/notifications';
import { OfferingPatch, OfferingsService, OfferingView } from '@km/offerings';
import { OutboxService } from '@km/outbox';
import { supersedeOpenProposalsOnOffering, SupersededProposal } from '@km/proposals';
import { DomainEventType } from '@km/queue';
import { initiativeMisfits, offeringChanges } from './offering-change';

const actorOf = (user: AuthUser) => ({ id: user.id, email: user.email, role: user.role });

/**
 * An offering's changes and what they mean for proposals and initiatives built on it, in the
 * offering's own transaction: open proposals on it are superseded in every county (each county's
 * run uses every offering) and those counties rematch; planned initiatives on it are flagged for
 * their brokers (never cancelled behind their backs) and the people concerned are told.
 */
@Injectable()
export class OfferingLifecycleService {
  constructor(
    private readonly offerings: OfferingsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  async withdraw(user: AuthUser, id: string): Promise<void> {
    await this.offerings.withdraw(user, id, async (tx, offering) => {
      const superseded = await this.supersede(tx, user, offering, 'offering-withdrawn');
      const planned = await plannedInitiativesOnOffering(tx, id);
      const change = `Utbildningen "${offering.title}" har dragits tillbaka av anordnaren.`;
      await flagInitiatives(
        tx,
        planned.map((i) => i.id),
        'offering-withdrawn',
        change,
      );
      for (const initiative of planned) {
        await this.audit.record(tx, {
          actor: actorOf(user),
          action: 'initiative.flag',
          entityType: 'initiative',
          entityId: initiative.id,
          after: { kind: 'offering-withdrawn', offeringId: id },
        });
        await this.notifications.initiativeAttention(
          tx,
          initiative.id,
          `OfferingWithdrawn:${id}:${initiative.id}`,
          change,
          `${change} Insatsen är kvar tills vidare men kan behöva ändras eller ställas in.`,
        );
      }
      await this.audit.record(tx, {
        actor: actorOf(user),
        action: 'offering.withdraw',
        entityType: 'offering',
        entityId: id,
        before: { withdrawn: false },
        after: {
          withdrawn: true,
          supersededProposalIds: superseded.map((p) => p.id),
          flaggedInitiativeIds: planned.map((i) => i.id),
        },
      });
      await this.rematch(tx, offering, superseded, DomainEventType.OfferingWithdrawn);
    });
  }

  async update(user: AuthUser, id: string, patch: OfferingPatch): Promise<OfferingView> {
    return this.offerings.update(user, id, patch, async (tx, before, after) => {
      const names = await municipalityNames(tx, [
        before.venueMunicipalityCode,
        after.venueMunicipalityCode,
      ]);
      const changes = offeringChanges(before, after, (code) => names.get(code) ?? code);
      if (changes.length === 0) return;
      // Open proposals carry the old venue, cost and windows: none may be approved until the
      // rematch of its county has recomputed it (its id changes when its cohort does).
      const superseded = await this.supersede(tx, user, before, 'offering-changed');
      const flagged: string[] = [];
      const changeId = randomUUID();
      for (const initiative of await plannedInitiativesOnOffering(tx, id)) {
        const misfits = initiativeMisfits(initiative, after);
        const moved = after.venueMunicipalityCode !== before.venueMunicipalityCode;
        if (misfits.length === 0 && !moved) continue;
        const change = [`Utbildningen "${after.title}" har ändrats:`, ...changes, ...misfits].join(
          '\n',
        );
        await flagInitiatives(tx, [initiative.id], 'offering-changed', change);
        await this.audit.record(tx, {
          actor: actorOf(user),
          action: 'initiative.flag',
          entityType: 'initiative',
          entityId: initiative.id,
          after: { kind: 'offering-changed', offeringId: id, changes, misfits },
        });
        await this.notifications.initiativeAttention(
          tx,
          initiative.id,
          `OfferingChanged:${changeId}:${initiative.id}`,
          change,
          change,
        );
        flagged.push(initiative.id);
      }
      await this.audit.record(tx, {
        actor: actorOf(user),
        action: 'offering.update',
        entityType: 'offering',
        entityId: id,
        after: {
          changes,
          supersededProposalIds: superseded.map((p) => p.id),
          flaggedInitiativeIds: flagged,
        },
      });
      await this.rematch(tx, before, superseded, DomainEventType.OfferingChanged);
    });
  }

  private async supersede(
    tx: EntityManager,
    user: AuthUser,
    offering: OfferingView,
    reason: 'offering-withdrawn' | 'offering-changed',
  ): Promise<SupersededProposal[]> {
    const superseded = await supersedeOpenProposalsOnOffering(tx, offering.id);
    for (const proposal of superseded) {
      await this.audit.record(tx, {
        actor: actorOf(user),
        action: 'proposal.supersede',
        entityType: 'proposal',
        entityId: proposal.id,
        before: { status: 'open' },
        after: { status: 'superseded', reason, offeringId: offering.id },
      });
    }
    return superseded;
  }

  /**
   * The offerings service already told the venue's county (and a new venue's); every other
   * county that lost proposals rematches too, so its needs are proposed again at once.
   */
  private async rematch(
    tx: EntityManager,
    offering: Pick<OfferingView, 'id' | 'learningCentreId' | 'venueMunicipalityCode'>,
    superseded: SupersededProposal[],
    type: DomainEventType,
  ): Promise<void> {
    const told = new Set([offering.venueMunicipalityCode.slice(0, 2)]);
    const counties = [...new Set(superseded.map((p) => p.countyCode))].filter((c) => !told.has(c));
    for (const countyCode of counties.sort()) {
      await this.outbox.add(tx, {
        type,
        aggregateType: 'offering',
        aggregateId: offering.id,
        countyCode,
        payload: {
          learningCentreId: offering.learningCentreId,
          venueMunicipalityCode: offering.venueMunicipalityCode,
          supersededProposalIds: superseded
            .filter((p) => p.countyCode === countyCode)
            .map((p) => p.id),
        },
      });
    }
  }
}

async function municipalityNames(tx: EntityManager, codes: string[]): Promise<Map<string, string>> {
  const rows: { code: string; name: string }[] = await tx.query(
    `SELECT code, name FROM municipality WHERE code = ANY ($1::bpchar[])`,
    [codes],
  );
  return new Map(rows.map((r) => [r.code.trim(), r.name]));
}
