/** Every queue of the system. The API only enqueues; the matcher (and the API's relay) consume. */
export enum QueueName {
  DomainEvents = 'domain-events',
  Matching = 'matching',
  /** The partitions of nationwide runs: their own queue, so a parent waiting never blocks them. */
  MatchingPartitions = 'matching-partitions',
  /** Housekeeping on a schedule, e.g. erasing personal data past its retention period. */
  Maintenance = 'maintenance',
}

/**
 * The queues the matcher runs workers for (apps/matcher/src/processors take only these), and so
 * the only ones Bull Board shows. Notifications are sent by the dispatcher from their table, so
 * nothing works the notifications queue.
 */
export const WORKED_QUEUES = [
  QueueName.DomainEvents,
  QueueName.Matching,
  QueueName.MatchingPartitions,
  QueueName.Maintenance,
] as const;
export type WorkedQueue = (typeof WORKED_QUEUES)[number];

/** Domain events published from the outbox, named as they happened. */
export enum DomainEventType {
  NeedSubmitted = 'NeedSubmitted',
  NeedChanged = 'NeedChanged',
  NeedWithdrawn = 'NeedWithdrawn',
  /** Needs whose window ended, expired by the daily job (payload: needIds). */
  NeedExpired = 'NeedExpired',
  /** Open proposals whose start date passed, superseded by the daily job (payload: proposalIds). */
  ProposalsOutdated = 'ProposalsOutdated',
  OfferingCreated = 'OfferingCreated',
  OfferingChanged = 'OfferingChanged',
  OfferingWithdrawn = 'OfferingWithdrawn',
  ProposalApproved = 'ProposalApproved',
  ProposalRejected = 'ProposalRejected',
  InitiativeStatusChanged = 'InitiativeStatusChanged',
}

export enum JobName {
  /** A domain event relayed from the outbox; payload is the event envelope. */
  DomainEvent = 'domain-event',
  /** Run the matcher over one county (or all when countyCode is null). */
  MatchingRun = 'matching-run',
  /** One partition (child run) of a nationwide run. */
  MatchingPartition = 'matching-partition',
  /** Erase personal data older than PERSONAL_DATA_RETENTION_DAYS. */
  PersonalDataRetention = 'personal-data-retention',
  /** Expire open needs whose window has ended (daily). */
  ExpireNeeds = 'expire-needs',
}

/** The envelope of a relayed event: ids only, the consumer reloads state from PostgreSQL. */
export interface DomainEventPayload {
  /** The outbox row's UUID: unique across databases and restores, unlike `outboxId`. */
  eventId: string;
  outboxId: string;
  type: DomainEventType | string;
  aggregateType: string;
  aggregateId: string;
  countyCode: string | null;
  occurredAt: string;
}

export type MatchingTrigger = 'manual' | 'event' | 'nightly';

/** runId is set when the API created the run row; event and nightly runs create theirs on start. */
export interface MatchingRunPayload {
  runId: string | null;
  countyCode: string | null;
  trigger: MatchingTrigger;
}

/** A child run of a nationwide run; its partition is in its `matching_run` row. */
export interface MatchingPartitionPayload {
  runId: string;
}

export interface PersonalDataRetentionPayload {
  trigger: 'scheduled' | 'manual';
}

export interface ExpireNeedsPayload {
  trigger: 'scheduled' | 'manual';
}

export interface JobPayloadMap {
  [JobName.DomainEvent]: DomainEventPayload;
  [JobName.MatchingRun]: MatchingRunPayload;
  [JobName.MatchingPartition]: MatchingPartitionPayload;
  [JobName.PersonalDataRetention]: PersonalDataRetentionPayload;
  [JobName.ExpireNeeds]: ExpireNeedsPayload;
}

export const JOBS_TO_QUEUE: { [J in JobName]: QueueName } = {
  [JobName.DomainEvent]: QueueName.DomainEvents,
  [JobName.MatchingRun]: QueueName.Matching,
  [JobName.MatchingPartition]: QueueName.MatchingPartitions,
  [JobName.PersonalDataRetention]: QueueName.Maintenance,
  [JobName.ExpireNeeds]: QueueName.Maintenance,
};
