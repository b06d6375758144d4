import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  employerInitiativeChanged,
  employerInitiativeStatus,
  employerNeedReceived,
  LearningCentreContactFacts,
  employerNeedExpired,
  employerProposalApproved,
  InitiativeFacts,
  NotificationTemplate,
  providerInitiativeStatus,
  providerProposalApproved,
  RenderedMessage,
  staffInitiativeAttention,
} from './notification.templates';

export interface NewNotification extends RenderedMessage {
  eventKey: string;
  recipient: string;
  template: NotificationTemplate;
  /** The need whose tracking link fills the body's placeholder at send time. */
  needId?: string | null;
}

interface InitiativeRow extends InitiativeFacts {
  id: string;
  learningCentreId: string | null;
  /** The offering's contact person, e-mailed besides the centre's provider accounts. */
  offeringContactEmail: string | null;
}

/**
 * Writes notification rows inside the caller's transaction (the notification outbox); the
 * dispatcher sends them later. A row is unique per (event key, recipient), so writing the same
 * event twice adds nothing and nobody gets an e-mail twice for one event.
 */
@Injectable()
export class NotificationService {
  async enqueue(tx: EntityManager, n: NewNotification): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO notification (event_key, recipient, template, subject, body, need_id)
       VALUES ($1, lower($2), $3, $4, $5, $6) ON CONFLICT (event_key, recipient) DO NOTHING RETURNING id`,
      [n.eventKey, n.recipient, n.template, n.subject, n.body, n.needId ?? null],
    );
    return rows.length > 0;
  }

  /** The confirmation to the contact person of a need just received (the intake's transaction). */
  async needReceived(
    tx: EntityManager,
    args: {
      needId: string;
      recipient: string;
      contactName: string;
      needTitle: string;
      reference: string;
      learningCentre: LearningCentreContactFacts | null;
    },
  ): Promise<boolean> {
    return this.enqueue(tx, {
      ...employerNeedReceived(args),
      eventKey: `NeedReceived:${args.needId}`,
      recipient: args.recipient,
      template: 'employer.need-received',
      needId: args.needId,
    });
  }

  /** To each employer contact of the initiative's needs, and to the providing centre's staff. */
  async proposalApproved(tx: EntityManager, initiativeId: string): Promise<number> {
    const initiative = await this.initiative(tx, initiativeId);
    const eventKey = `ProposalApproved:${initiativeId}`;
    let count = 0;
    for (const contact of await this.contacts(tx, initiativeId, true)) {
      const message = employerProposalApproved({
        contactName: contact.name,
        needTitle: contact.needTitle,
        initiative,
      });
      const key = `${eventKey}:need:${contact.needId}`;
      if (
        await this.enqueue(tx, {
          ...message,
          eventKey: key,
          recipient: contact.email,
          template: 'employer.proposal-approved',
          needId: contact.needId,
        })
      )
        count++;
    }
    for (const email of await this.providerRecipients(tx, initiative)) {
      if (
        await this.enqueue(tx, {
          ...providerProposalApproved({ initiative }),
          eventKey,
          recipient: email,
          template: 'provider.proposal-approved',
        })
      )
        count++;
    }
    return count;
  }

  /** After a status change: every need of the initiative (also those a cancellation just freed). */
  async initiativeStatusChanged(tx: EntityManager, initiativeId: string): Promise<number> {
    const initiative = await this.initiative(tx, initiativeId);
    const eventKey = `InitiativeStatusChanged:${initiativeId}:${initiative.status}`;
    let count = 0;
    for (const contact of await this.contacts(tx, initiativeId, false)) {
      if (
        await this.enqueue(tx, {
          ...employerInitiativeStatus({
            contactName: contact.name,
            needTitle: contact.needTitle,
            initiative,
          }),
          eventKey: `${eventKey}:need:${contact.needId}`,
          recipient: contact.email,
          template: 'employer.initiative-status',
          needId: contact.needId,
        })
      )
        count++;
    }
    for (const email of await this.providerRecipients(tx, initiative)) {
      if (
        await this.enqueue(tx, {
          ...providerInitiativeStatus({ initiative }),
          eventKey,
          recipient: email,
          template: 'provider.initiative-status',
        })
      )
        count++;
    }
    return count;
  }

  /**
   * Something changed under an initiative (its offering withdrawn or edited, a firm left): its
   * brokers and the providing centre are told what changed; with `employerChange`, the
   * employers still in it are told too. `eventKey` names the change, so each is sent once.
   */
  async initiativeAttention(
    tx: EntityManager,
    initiativeId: string,
    eventKey: string,
    change: string,
    employerChange?: string,
  ): Promise<number> {
    const initiative = await this.initiative(tx, initiativeId);
    const staff = staffInitiativeAttention({ initiative, change });
    let count = 0;
    for (const email of await this.brokerEmails(tx, initiativeId)) {
      if (
        await this.enqueue(tx, {
          ...staff,
          eventKey,
          recipient: email,
          template: 'broker.initiative-attention',
        })
      )
        count++;
    }
    for (const email of await this.providerEmails(tx, initiative.learningCentreId)) {
      if (
        await this.enqueue(tx, {
          ...staff,
          eventKey,
          recipient: email,
          template: 'provider.initiative-attention',
        })
      )
        count++;
    }
    if (!employerChange) return count;
    for (const contact of await this.contacts(tx, initiativeId, true)) {
      const message = employerInitiativeChanged({
        contactName: contact.name,
        needTitle: contact.needTitle,
        initiative,
        change: employerChange,
      });
      if (
        await this.enqueue(tx, {
          ...message,
          eventKey: `${eventKey}:need:${contact.needId}`,
          recipient: contact.email,
          template: 'employer.initiative-changed',
          needId: contact.needId,
        })
      )
        count++;
    }
    return count;
  }

  /** To the need's contact (if any is left), once per need. */
  async needExpired(tx: EntityManager, needId: string): Promise<boolean> {
    const [row]: { title: string; latestEnd: string; name: string; email: string }[] =
      await tx.query(
        `SELECT n.title, n.latest_end::text AS "latestEnd", c.name, c.email
           FROM need n JOIN contact c ON c.need_id = n.id WHERE n.id = $1`,
        [needId],
      );
    if (!row) return false;
    return this.enqueue(tx, {
      ...employerNeedExpired({
        contactName: row.name,
        needTitle: row.title,
        latestEnd: row.latestEnd,
      }),
      eventKey: `NeedExpired:${needId}`,
      recipient: row.email,
      template: 'employer.need-expired',
      needId,
    });
  }

  /** Brokers whose centre serves the initiative's venue or one of its employers' municipalities. */
  private async brokerEmails(tx: EntityManager, initiativeId: string): Promise<string[]> {
    const rows: { email: string }[] = await tx.query(
      `SELECT DISTINCT u.email FROM app_user u
         JOIN learning_centre_municipality lcm ON lcm.learning_centre_id = u.learning_centre_id
        WHERE u.role = 'broker' AND NOT u.disabled
          AND lcm.municipality_code IN (
            SELECT venue_municipality_code FROM initiative WHERE id = $1
            UNION SELECT n.municipality_code FROM initiative_need ino JOIN need n ON n.id = ino.need_id
                   WHERE ino.initiative_id = $1)
        ORDER BY u.email`,
      [initiativeId],
    );
    return rows.map((r) => r.email);
  }

  private async initiative(tx: EntityManager, id: string): Promise<InitiativeRow> {
    const [row] = await tx.query(
      `SELECT i.id, i.title, i.status, i.start_date::text AS "startDate", m.name AS "venueName",
              lc.name AS "learningCentreName", i.learning_centre_id AS "learningCentreId",
              i.participants_total AS participants, i.employers, i.kind,
              i.cancel_reason AS "cancelReason", o.contact_email AS "offeringContactEmail",
              CASE WHEN i.start_date IS NOT NULL AND o.duration_days IS NOT NULL
                   THEN (i.start_date + o.duration_days - 1)::text END AS "endDate",
              o.venue_address AS "venueAddress",
              (SELECT array_agg(DISTINCT e.name ORDER BY e.name)
                 FROM initiative_need ino JOIN need n ON n.id = ino.need_id
                 JOIN employer e ON e.id = n.employer_id
                WHERE ino.initiative_id = i.id AND ino.committed) AS "employerNames",
              CASE WHEN b.id IS NOT NULL THEN json_build_object(
                'email', b.email, 'learningCentreName', blc.name, 'phone', blc.contact_phone)
              END AS broker
         FROM initiative i
         JOIN municipality m ON m.code = i.venue_municipality_code
         LEFT JOIN learning_centre lc ON lc.id = i.learning_centre_id
         LEFT JOIN offering o ON o.id = i.offering_id
         LEFT JOIN app_user b ON b.id = i.created_by AND b.role = 'broker'
         LEFT JOIN learning_centre blc ON blc.id = b.learning_centre_id
        WHERE i.id = $1`,
      [id],
    );
    if (!row) throw new Error(`initiative ${id} not found`);
    return row;
  }

  private async contacts(
    tx: EntityManager,
    initiativeId: string,
    committedOnly: boolean,
  ): Promise<{ needId: string; needTitle: string; name: string; email: string }[]> {
    return tx.query(
      `SELECT n.id AS "needId", n.title AS "needTitle", c.name, c.email
         FROM initiative_need ino
         JOIN need n ON n.id = ino.need_id
         JOIN contact c ON c.need_id = n.id
        WHERE ino.initiative_id = $1 AND ($2::boolean = false OR ino.committed)
        ORDER BY n.id`,
      [initiativeId, committedOnly],
    );
  }

  /** The centre's provider accounts and the offering's own contact person (once each). */
  private async providerRecipients(
    tx: EntityManager,
    initiative: InitiativeRow,
  ): Promise<string[]> {
    const emails = await this.providerEmails(tx, initiative.learningCentreId);
    const contact = initiative.offeringContactEmail?.toLowerCase();
    if (contact && !emails.some((e) => e.toLowerCase() === contact)) emails.push(contact);
    return emails;
  }

  private async providerEmails(
    tx: EntityManager,
    learningCentreId: string | null,
  ): Promise<string[]> {
    if (!learningCentreId) return [];
    const rows: { email: string }[] = await tx.query(
      `SELECT email FROM app_user WHERE learning_centre_id = $1 AND role = 'provider' AND NOT disabled ORDER BY email`,
      [learningCentreId],
    );
    return rows.map((r) => r.email);
  }
}
