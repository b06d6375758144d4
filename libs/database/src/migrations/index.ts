import { ReferenceData1764000000000 } from './1764000000000-ReferenceData';
import { Outbox1764000001000 } from './1764000001000-Outbox';
import { Accounts1764000002000 } from './1764000002000-Accounts';
import { Offerings1764000003000 } from './1764000003000-Offerings';
import { Needs1764000004000 } from './1764000004000-Needs';
import { Matching1764000005000 } from './1764000005000-Matching';
import { Broker1764000006000 } from './1764000006000-Broker';
import { Monitoring1764000007000 } from './1764000007000-Monitoring';
import { Privacy1764000008000 } from './1764000008000-Privacy';
import { EventIdentity1764000013000 } from './1764000013000-EventIdentity';
import { BrokerQueue1764000015000 } from './1764000015000-BrokerQueue';
import { OfferingDetails1764000017000 } from './1764000017000-OfferingDetails';
import { EmployerSide1764000018000 } from './1764000018000-EmployerSide';
import { DemoIds1764000019000 } from './1764000019000-DemoIds';
import { ProjectDrafts1764000016000 } from './1764000016000-ProjectDrafts';
import { Capacity1764000021000 } from './1764000021000-Capacity';
import { Lifecycle1764000022000 } from './1764000022000-Lifecycle';
import { SecurityRound21764000023000 } from './1764000023000-SecurityRound2';
import { OfferingFormToken1764000017001 } from './1764000017001-OfferingFormToken';
import { MatchingPartitions1764000025000 } from './1764000025000-MatchingPartitions';

/** Every migration in order; the DataSource and the test template both run exactly these. */
export const MIGRATIONS = [
  ReferenceData1764000000000,
  Outbox1764000001000,
  Accounts1764000002000,
  Offerings1764000003000,
  Needs1764000004000,
  Matching1764000005000,
  Broker1764000006000,
  Monitoring1764000007000,
  Privacy1764000008000,
  EventIdentity1764000013000,
  BrokerQueue1764000015000,
  EmployerSide1764000018000,
  ProjectDrafts1764000016000,
  OfferingDetails1764000017000,
  Capacity1764000021000,
  Lifecycle1764000022000,
  SecurityRound21764000023000,
  OfferingFormToken1764000017001,
  DemoIds1764000019000,
  MatchingPartitions1764000025000,
];
