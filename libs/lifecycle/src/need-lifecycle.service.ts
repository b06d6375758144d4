import { Injectable } from '@nestjs/common';
import { AuditService } from '@km/audit';
import { releaseWithdrawnNeed } from '@km/initiatives';
import { NeedsService, NeedTrackingView } from '@km/needs';
import { NotificationService } from '@km/notifications';
import { supersedeOpenProposalsWithNeeds } from '@km/proposals';

/**
 * An employer's withdrawal and what it means elsewhere, in the withdrawal's transaction: open
 * proposals holding the need are superseded, a committed need leaves its initiative (counts and
 * minimum check re-derived, the initiative flagged), and its broker and provider are told.
 */
@Injectable()
export class NeedLifecycleService {
  constructor(
    private readonly needs: NeedsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  async withdraw(token: string): Promise<NeedTrackingView> {
    return this.needs.withdraw(token, async (tx, need) => {
      const superseded = await supersedeOpenProposalsWithNeeds(tx, [need.id]);
      for (const proposal of superseded) {
        await this.audit.record(tx, {
          actor: null,
          action: 'proposal.supersede',
          entityType: 'proposal',
          entityId: proposal.id,
          before: { status: 'open' },
          after: { status: 'superseded', reason: 'need-withdrawn', needId: need.id },
        });
      }
      const released = await releaseWithdrawnNeed(tx, need.id, need.employerName);
      if (!released) return;
      await this.audit.record(tx, {
        actor: null,
        action: 'initiative.need-withdrawn',
        entityType: 'initiative',
        entityId: released.initiativeId,
        before: released.before,
        after: { ...released.after, needId: need.id, belowMinimum: released.belowMinimum },
      });
      const lines = [
        `${need.employerName} har återkallat sitt behov och är inte längre med i insatsen.`,
        `Deltagare: ${released.before.participants} → ${released.after.participants}. ` +
          `Arbetsgivare: ${released.before.employers} → ${released.after.employers}.`,
      ];
      if (released.belowMinimum)
        lines.push(
          `Insatsen är nu under utbildningens minimum på ${released.minParticipants} deltagare.`,
        );
      await this.notifications.initiativeAttention(
        tx,
        released.initiativeId,
        `NeedWithdrawn:${need.id}`,
        lines.join('\n'),
      );
    });
  }
}
