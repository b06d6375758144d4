import type { MatchingInput, StartWindow } from './matching-input.types';
import type {
  BelowMinimumCohort,
  LeftOutNeed,
  MatchingResult,
  Proposal,
  ProposalNeed,
  UnmetCluster,
  WhatIfHint,
} from './matching-result.types';
import { resolveParameters, type MatchingParameters } from './matching-parameters';
import { buildCandidateGraph, pairKey, type CandidateGraph } from './candidate-graph.builder';
import type { OptimisedCohorts } from './cohort.optimizer';
import { optimiseByComponent, type PreviousCohort } from './component.optimizer';
import { PreviousProposals, contentHash } from './proposal-id';
import { NeedLocator } from './need-locator';
import {
  demandByMunicipality,
  findNearMisses,
  moreParticipantsText,
  type NearMissContext,
} from './near-miss.finder';
import { cohortFactors, jointSummary, round3, type CohortFigures } from './explanation';
import { costPerParticipant, fitScore, proximityScore, type FitContext } from './fit.rules';
import { findUnmetClusters, nearbyReason, type FoundCluster } from './unmet-cluster.finder';
import { findBelowMinimum } from './below-minimum.finder';
import { selectLearningCentre } from './learning-centre.selector';
import { groupProjectDrafts, type DraftableProposal } from './project-draft.grouper';
import { isSme, needValue, poolingValue } from './cohort.value';
import { fromDayNumber } from './calendar';
import { asOfToday } from './today';
import { cmp } from './geo';
import { canonicalInput } from './canonical-input';
import { formatInt, formatSek, plural } from './swedish-text';
import { WindowCapacity } from './capacity.rules';
import { findInitiativeFills, type FoundFill } from './initiative-fill.finder';

/**
 * One matching run: candidate pairs through the index, cohorts by greedy construction + local
 * improvement, then proposals with explanations, unmet clusters as new initiatives, cohorts that
 * fall short of a minimum, and ESF project drafts. Pure and deterministic: the same input in any
 * order gives the same result.
 */
export function runMatching(given: MatchingInput): MatchingResult {
  const input = asOfToday(canonicalInput(given));
  const params = resolveParameters(input.parameters);
  const g = buildCandidateGraph(input, params);
  const previousCohorts: PreviousCohort[] = [];
  for (const p of input.previousProposals ?? [])
    if (p.kind === 'joint_initiative' && p.offeringId && p.startWindowFrom)
      previousCohorts.push({
        offeringId: p.offeringId,
        startWindowFrom: p.startWindowFrom,
        needIds: p.needIds,
        current: p.status !== 'superseded',
      });
  const opt = optimiseByComponent(g, params, previousCohorts);
  const previous = new PreviousProposals(input.previousProposals ?? []);
  const fit: FitContext = { distances: g.distances, similarity: g.similarity, parameters: params };
  const centres = [...(input.learningCentres ?? [])].sort((a, b) => cmp(a.id, b.id));

  const openSlots: number[] = [];
  for (let s = 0; s < g.slotCount; s++) if (opt.slotMembers[s]) openSlots.push(s);
  const slotIds = new Map<number, { id: string; previousStatus: string | null }>();
  for (const s of openSlots) {
    const needIds = opt.slotMembers[s]!.map((e) => g.needs[g.edgeNeed[e]].id);
    slotIds.set(
      s,
      previous.resolve({
        kind: 'joint_initiative',
        offeringId: g.offerings[g.slotOffering[s]].id,
        startWindowFrom: g.slotWindow[s].from,
        needIds,
      }),
    );
  }

  const nearMissCtx: NearMissContext = {
    graph: g,
    parameters: params,
    fit,
    locator: new NeedLocator(g),
    rejected: new Set((input.rejectedPairs ?? []).map((r) => pairKey(r.needId, r.offeringId))),
    needSlot: opt.needSlot,
    proposalIdOfSlot: (s) => slotIds.get(s)?.id ?? null,
  };

  const proposals: Proposal[] = [];
  const draftable: DraftableProposal[] = [];
  for (const s of openSlots) {
    const built = jointProposal(g, opt, s, params, slotIds.get(s)!, nearMissCtx);
    proposals.push(built.proposal);
    draftable.push(built.draftable);
  }

  // Capacity rule 4: needs no new cohort took may fill the free seats of planned initiatives.
  const capacity = new WindowCapacity(input);
  const offeringsById = new Map(g.offerings.map((o) => [o.id, o]));
  const unplaced: number[] = [];
  for (let n = 0; n < g.needs.length; n++) if (opt.needSlot[n] === -1) unplaced.push(n);
  const fills = findInitiativeFills(
    unplaced.map((n) => g.needs[n]),
    capacity,
    offeringsById,
    fit,
    nearMissCtx.rejected,
    params,
    input.today ?? null,
  );
  const filled = new Set<string>();
  for (const f of fills) {
    proposals.push(fillProposal(g, f, params, previous));
    for (const m of f.members) filled.add(m.need.id);
  }

  const free = unplaced.filter((n) => !filled.has(g.needs[n].id));
  const unmetClusters: UnmetCluster[] = [];
  for (const cluster of findUnmetClusters(g, free, params)) {
    if (cluster.viable) {
      const built = newInitiative(g, cluster, params, centres, previous);
      proposals.push(built.proposal);
      draftable.push(built.draftable);
      unmetClusters.push(built.cluster);
    } else {
      unmetClusters.push(reportCluster(g, cluster, params));
    }
  }

  const belowMinimum: BelowMinimumCohort[] = findBelowMinimum(g, opt.needSlot).map((b) => {
    const offering = g.offerings[g.slotOffering[b.slot]];
    const window = g.slotWindow[b.slot];
    const missing = b.required - b.participants;
    const misses = findNearMisses(
      nearMissCtx,
      offering,
      window,
      b.slot,
      new Set(b.members),
      b.participants,
    ).filter((m) => m.hint !== null);
    const demand = demandByMunicipality(
      g,
      misses.map((m) => m.needIndex),
    );
    const whatIf: WhatIfHint[] = [
      {
        kind: 'more_participants',
        missingParticipants: missing,
        nearbyDemand: demand,
        text: moreParticipantsText(g, missing, b.required, demand),
      },
      ...misses.slice(0, params.maxLeftOutPerProposal).map((m) => m.hint!),
    ];
    return {
      offeringId: offering.id,
      startWindow: { ...window },
      needIds: b.members.map((n) => g.needs[n].id),
      participants: b.participants,
      minParticipants: b.required,
      missingParticipants: missing,
      whatIf,
    };
  });

  proposals.sort((a, b) => cmp(a.kind, b.kind) || b.score - a.score || cmp(a.id, b.id));
  const projectDrafts = groupProjectDrafts(draftable, params);

  let participantsRequested = 0;
  for (let n = 0; n < g.needs.length; n++) participantsRequested += g.needParticipants[n];
  let participantsServed = 0;
  let needsServed = 0;
  for (const s of openSlots) {
    participantsServed += opt.slotSize[s];
    needsServed += opt.slotMembers[s]!.length;
  }
  for (const f of fills) {
    participantsServed += f.participants;
    needsServed += f.members.length;
  }

  return {
    proposals,
    unmetNeedIds: free.map((n) => g.needs[n].id),
    unmetClusters,
    belowMinimum,
    projectDrafts,
    stats: {
      needsTotal: input.needs.length,
      needsCommitted: g.committedCount,
      needsConsidered: g.needs.length,
      offerings: g.offerings.length,
      slots: g.slotCount,
      candidatePairs: g.edgeNeed.length,
      proposalsJoint: openSlots.length,
      proposalsNew: proposals.length - openSlots.length - fills.length,
      proposalsFill: fills.length,
      needsServed,
      participantsRequested,
      participantsServed,
      objective: round3(opt.objective),
      greedyObjective: round3(opt.greedyObjective),
      improvingMoves: opt.moves,
    },
  };
}

function countyOf(g: CandidateGraph, venue: number, fallbackNeed: number): string {
  if (venue >= 0) return g.distances.countyOf[venue];
  const m = g.needMunicipality[fallbackNeed];
  return m >= 0 ? g.distances.countyOf[m] : '00';
}

function jointProposal(
  g: CandidateGraph,
  opt: OptimisedCohorts,
  s: number,
  params: MatchingParameters,
  ident: { id: string; previousStatus: string | null },
  nearMissCtx: NearMissContext,
): { proposal: Proposal; draftable: DraftableProposal } {
  const offering = g.offerings[g.slotOffering[s]];
  const window: StartWindow = { ...g.slotWindow[s] };
  const edges = opt.slotMembers[s]!;
  const size = opt.slotSize[s];
  const needs: ProposalNeed[] = [];
  const similarities: number[] = [];
  const proximities: number[] = [];
  const participants = { total: 0, women: 0, men: 0 };
  const employers = new Map<
    string,
    { employerId: string; orgSize: number; municipalityCode: string }
  >();
  let tightestMaxCost: number | null = null;
  for (const e of edges) {
    const n = g.edgeNeed[e];
    const need = g.needs[n];
    const distanceKm = g.edgeDistance[e] < 0 ? null : g.edgeDistance[e];
    needs.push({
      needId: need.id,
      employerId: need.employerId,
      employerName: need.employerName,
      municipalityCode: need.municipalityCode,
      participants: { ...need.participants },
      distanceKm,
      fit: round3(g.edgeFit[e]),
    });
    similarities.push(g.edgeSimilarity[e]);
    proximities.push(proximityScore(distanceKm, need.maxTravelKm));
    participants.total += need.participants.total;
    participants.women += need.participants.women;
    participants.men += need.participants.men;
    if (!employers.has(need.employerId))
      employers.set(need.employerId, {
        employerId: need.employerId,
        orgSize: need.orgSize,
        municipalityCode: need.municipalityCode,
      });
    if (need.maxCostPerParticipantSek != null)
      tightestMaxCost = Math.min(
        tightestMaxCost ?? Number.POSITIVE_INFINITY,
        need.maxCostPerParticipantSek,
      );
  }
  const smeEmployers = [...employers.values()].filter((e) => isSme(e.orgSize, params)).length;
  const figures: CohortFigures = {
    needs,
    similarities,
    proximities,
    smeEmployers,
    employers: employers.size,
    participants: size,
    score: opt.slotValue[s],
  };
  const members = new Set(edges.map((e) => g.edgeNeed[e]));
  const misses = findNearMisses(nearMissCtx, offering, window, s, members, size);
  const ranked = [...misses].sort((a, b) => rankCause(a.leftOut) - rankCause(b.leftOut));
  const leftOut = ranked.slice(0, params.maxLeftOutPerProposal).map((m) => m.leftOut);
  const whatIf = ranked
    .filter((m) => m.hint !== null)
    .slice(0, params.maxLeftOutPerProposal)
    .map((m) => m.hint!);
  const venue = g.distances.indexOf(offering.venueMunicipalityCode);
  const perHead = costPerParticipant(offering, size);
  const proposal: Proposal = {
    id: ident.id,
    kind: 'joint_initiative',
    previousStatus: ident.previousStatus,
    offeringId: offering.id,
    startWindow: window,
    startDate: window.from,
    venueMunicipalityCode: offering.venueMunicipalityCode,
    countyCode: countyOf(g, venue, g.edgeNeed[edges[0]]),
    needs,
    participants,
    employers: employers.size,
    employerIds: [...employers.keys()].sort(),
    costPerParticipantSek: Math.round(perHead * 100) / 100,
    totalCostSek: Math.round(offering.costFixedSek + offering.costPerParticipantSek * size),
    suggestedLearningCentreId: offering.learningCentreId,
    competenceIds: [...offering.competenceIds],
    theme: g.similarity.areaOf(offering.competenceIds[0] ?? ''),
    score: round3(opt.slotValue[s]),
    explanation: {
      summary: jointSummary(
        offering,
        window,
        figures,
        participants.women,
        participants.men,
        g.distances,
        size,
      ),
      factors: cohortFactors(
        figures,
        params,
        g.distances,
        { offering, size, tightestMaxCost },
        {
          min: offering.minParticipants,
          max: offering.maxParticipants,
        },
      ),
      leftOut,
      whatIf,
    },
  };
  return {
    proposal,
    draftable: {
      id: proposal.id,
      kind: proposal.kind,
      countyCode: proposal.countyCode,
      theme: proposal.theme,
      participants,
      employers: [...employers.values()],
      totalCostSek: proposal.totalCostSek,
      deliveryMode: offering.deliveryMode,
    },
  };
}

/** Needs that join the free seats of a planned initiative (see initiative-fill.finder.ts). */
function fillProposal(
  g: CandidateGraph,
  f: FoundFill,
  params: MatchingParameters,
  previous: PreviousProposals,
): Proposal {
  const { offering, window, target } = f;
  const travels = offering.deliveryMode !== 'remote';
  const needs: ProposalNeed[] = f.members.map(({ need, evaluation }) => ({
    needId: need.id,
    employerId: need.employerId,
    employerName: need.employerName,
    municipalityCode: need.municipalityCode,
    participants: { ...need.participants },
    distanceKm: travels ? evaluation.distanceKm : null,
    fit: round3(evaluation.fit),
  }));
  const participants = { total: 0, women: 0, men: 0 };
  const employers = new Map<string, number>();
  let tightestMaxCost: number | null = null;
  for (const { need } of f.members) {
    participants.total += need.participants.total;
    participants.women += need.participants.women;
    participants.men += need.participants.men;
    employers.set(need.employerId, need.orgSize);
    if (need.maxCostPerParticipantSek != null)
      tightestMaxCost = Math.min(
        tightestMaxCost ?? Number.POSITIVE_INFINITY,
        need.maxCostPerParticipantSek,
      );
  }
  const size = target.initiative.participants + participants.total;
  const perHead = costPerParticipant(offering, size);
  const ident = previous.resolve({
    kind: 'fill_initiative',
    offeringId: offering.id,
    startWindowFrom: window.from,
    initiativeId: target.initiative.id,
    needIds: needs.map((n) => n.needId),
  });
  const figures: CohortFigures = {
    needs,
    similarities: f.members.map((m) => m.evaluation.similarity),
    proximities: f.members.map((m) => m.evaluation.proximity),
    smeEmployers: [...employers.values()].filter((size) => isSme(size, params)).length,
    employers: employers.size,
    participants: participants.total,
    score: f.value,
  };
  const venue = g.distances.indexOf(offering.venueMunicipalityCode);
  const factors = cohortFactors(
    figures,
    params,
    g.distances,
    { offering, size, tightestMaxCost },
    null,
  );
  factors.unshift({
    name: 'lediga platser',
    value: target.freeSeats,
    weight: 0,
    detail: `${formatInt(target.initiative.participants)} av ${formatInt(offering.maxParticipants)} platser är tagna i den planerade insatsen; ${formatInt(participants.total)} tillkommer`,
  });
  return {
    id: ident.id,
    kind: 'fill_initiative',
    previousStatus: ident.previousStatus,
    offeringId: offering.id,
    initiativeId: target.initiative.id,
    startWindow: { from: window.from, to: window.to },
    startDate: target.initiative.startDate ?? window.from,
    venueMunicipalityCode: offering.venueMunicipalityCode,
    countyCode: countyOf(g, venue, g.needs.findIndex((n) => n.id === needs[0].needId)),
    needs,
    participants,
    employers: employers.size,
    employerIds: [...employers.keys()].sort(),
    costPerParticipantSek: Math.round(perHead * 100) / 100,
    totalCostSek: Math.round(perHead * participants.total),
    suggestedLearningCentreId: offering.learningCentreId,
    competenceIds: [...offering.competenceIds],
    theme: g.similarity.areaOf(offering.competenceIds[0] ?? ''),
    score: round3(f.value),
    explanation: {
      summary:
        `${offering.title} med start ${window.from}–${window.to} är redan en planerad insats med ` +
        `${plural(target.freeSeats, 'ledig plats', 'lediga platser')} av ${formatInt(offering.maxParticipants)}. ` +
        `${plural(employers.size, 'arbetsgivare', 'arbetsgivare')} med ${plural(participants.total, 'deltagare', 'deltagare')} ` +
        `(${formatInt(participants.women)} kvinnor, ${formatInt(participants.men)} män) kan gå med. ` +
        `Kostnad ${formatSek(perHead)} per deltagare med ${formatInt(size)} deltagare.`,
      factors,
      leftOut: [],
      whatIf: [],
    },
  };
}

/** Single-rule near misses first (they carry a what-if), then full cohorts, then other proposals. */
function rankCause(l: LeftOutNeed): number {
  if (l.cause === 'other_proposal') return 3;
  if (l.cause === 'capacity') return 2;
  if (l.cause === 'would_lower_value') return 4;
  return 1;
}

function clusterFigures(g: CandidateGraph, cluster: FoundCluster, params: MatchingParameters) {
  const needs: ProposalNeed[] = [];
  const similarities: number[] = [];
  const proximities: number[] = [];
  const participants = { total: 0, women: 0, men: 0 };
  const employers = new Map<
    string,
    { employerId: string; orgSize: number; municipalityCode: string }
  >();
  let value = 0;
  for (const n of cluster.members) {
    const need = g.needs[n];
    const km = g.distances.between(g.needMunicipality[n], cluster.venue);
    const travels = need.deliveryModes.some((m) => m !== 'remote') && km <= need.maxTravelKm;
    const distanceKm = travels ? km : null;
    const similarity = g.similarity.setSimilarity(need.competenceIds, [cluster.competenceId]);
    const proximity = proximityScore(distanceKm, need.maxTravelKm);
    const fit = fitScore(similarity, proximity, params);
    value += needValue(need.participants.total, fit, isSme(need.orgSize, params), params);
    needs.push({
      needId: need.id,
      employerId: need.employerId,
      employerName: need.employerName,
      municipalityCode: need.municipalityCode,
      participants: { ...need.participants },
      distanceKm,
      fit: round3(fit),
    });
    similarities.push(similarity);
    proximities.push(proximity);
    participants.total += need.participants.total;
    participants.women += need.participants.women;
    participants.men += need.participants.men;
    if (!employers.has(need.employerId))
      employers.set(need.employerId, {
        employerId: need.employerId,
        orgSize: need.orgSize,
        municipalityCode: need.municipalityCode,
      });
  }
  value += poolingValue(employers.size, params);
  return { needs, similarities, proximities, participants, employers, value };
}

function newInitiative(
  g: CandidateGraph,
  cluster: FoundCluster,
  params: MatchingParameters,
  centres: MatchingInput['learningCentres'],
  previous: PreviousProposals,
): { proposal: Proposal; draftable: DraftableProposal; cluster: UnmetCluster } {
  const f = clusterFigures(g, cluster, params);
  const venueCode = g.distances.codes[cluster.venue] ?? g.needs[cluster.seed].municipalityCode;
  const employerMunicipalities = new Map(
    [...f.employers.values()].map((e) => [e.employerId, e.municipalityCode]),
  );
  const centre = selectLearningCentre(centres, employerMunicipalities, venueCode, g.distances);
  const served = centre
    ? [...employerMunicipalities.values()].filter((m) => centre.municipalityCodes.includes(m))
        .length
    : 0;
  const ident = previous.resolve({
    kind: 'new_initiative',
    offeringId: null,
    startWindowFrom: null,
    needIds: f.needs.map((n) => n.needId),
  });
  const rules = params.cluster;
  // A course of the overlap's minimum length started on the window's last day still ends by
  // every member's latestEnd.
  const window = {
    from: fromDayNumber(cluster.from),
    to: fromDayNumber(Math.max(cluster.from, cluster.to - (rules.minOverlapDays - 1))),
  };
  const perHead =
    rules.estimatedFixedCostSek / f.participants.total + rules.estimatedCostPerParticipantSek;
  const total =
    rules.estimatedFixedCostSek + rules.estimatedCostPerParticipantSek * f.participants.total;
  const smeEmployers = [...f.employers.values()].filter((e) => isSme(e.orgSize, params)).length;
  const figures: CohortFigures = {
    needs: f.needs,
    similarities: f.similarities,
    proximities: f.proximities,
    smeEmployers,
    employers: f.employers.size,
    participants: f.participants.total,
    score: f.value,
  };
  const label = g.similarity.labelOf(cluster.competenceId);
  const centreText = centre
    ? ` Riktas till ${centre.name ?? centre.id}, som betjänar ${formatInt(served)} av ${plural(f.employers.size, 'arbetsgivare', 'arbetsgivare')}.`
    : '';
  const factors = cohortFactors(figures, params, g.distances, null, {
    min: rules.minParticipants,
    max: rules.maxParticipants,
  });
  factors.push({
    name: 'uppskattad kostnad per deltagare',
    value: Math.round(perHead),
    weight: 0,
    detail: `schablon ${formatSek(rules.estimatedFixedCostSek)} fast / ${formatInt(f.participants.total)} + ${formatSek(rules.estimatedCostPerParticipantSek)}`,
  });
  const proposal: Proposal = {
    id: ident.id,
    kind: 'new_initiative',
    previousStatus: ident.previousStatus,
    offeringId: null,
    startWindow: window,
    startDate: window.from,
    venueMunicipalityCode: venueCode,
    countyCode: countyOf(g, cluster.venue, cluster.seed),
    needs: f.needs,
    participants: f.participants,
    employers: f.employers.size,
    employerIds: [...f.employers.keys()].sort(),
    costPerParticipantSek: Math.round(perHead * 100) / 100,
    totalCostSek: Math.round(total),
    suggestedLearningCentreId: centre?.id ?? null,
    competenceIds: [cluster.competenceId],
    theme: g.similarity.areaOf(cluster.competenceId),
    score: round3(f.value),
    explanation: {
      summary:
        `Ny utbildningsinsats i ${label}: ${plural(f.employers.size, 'arbetsgivare', 'arbetsgivare')} och ${plural(f.participants.total, 'deltagare', 'deltagare')} ` +
        `(${formatInt(f.participants.women)} kvinnor, ${formatInt(f.participants.men)} män) som inget befintligt erbjudande tar emot, ` +
        `med ${g.distances.nameOf(venueCode)} som samlingsort och start mellan ${window.from} och ${window.to}.` +
        centreText,
      factors,
      leftOut: cluster.nearbyOthers.slice(0, params.maxLeftOutPerProposal).map((o) => ({
        needId: g.needs[o.needIndex].id,
        cause: o.cause,
        reason: nearbyReason(g, cluster, o, params),
      })),
      whatIf: [],
    },
  };
  return {
    proposal,
    draftable: {
      id: proposal.id,
      kind: 'new_initiative',
      countyCode: proposal.countyCode,
      theme: proposal.theme,
      participants: f.participants,
      employers: [...f.employers.values()],
      totalCostSek: proposal.totalCostSek,
      deliveryMode: 'onsite',
    },
    cluster: {
      id: ident.id,
      competenceIds: [cluster.competenceId],
      theme: proposal.theme,
      venueMunicipalityCode: venueCode,
      countyCode: proposal.countyCode,
      needIds: f.needs.map((n) => n.needId),
      participants: f.participants,
      employers: f.employers.size,
      window,
      viable: true,
      proposalId: ident.id,
      suggestedLearningCentreId: centre?.id ?? null,
      whatIf: [],
    },
  };
}

function reportCluster(
  g: CandidateGraph,
  cluster: FoundCluster,
  params: MatchingParameters,
): UnmetCluster {
  const f = clusterFigures(g, cluster, params);
  const venueCode = g.distances.codes[cluster.venue] ?? g.needs[cluster.seed].municipalityCode;
  const needIds = f.needs.map((n) => n.needId);
  const missing = Math.max(0, params.cluster.minParticipants - f.participants.total);
  const demand = demandByMunicipality(
    g,
    cluster.nearbyOthers.map((o) => o.needIndex),
  );
  return {
    id: `uc-${contentHash(`${cluster.competenceId}|${needIds.join(',')}`)}`,
    competenceIds: [cluster.competenceId],
    theme: g.similarity.areaOf(cluster.competenceId),
    venueMunicipalityCode: venueCode,
    countyCode: countyOf(g, cluster.venue, cluster.seed),
    needIds,
    participants: f.participants,
    employers: f.employers.size,
    window: { from: fromDayNumber(cluster.from), to: fromDayNumber(cluster.to) },
    viable: false,
    proposalId: null,
    suggestedLearningCentreId: null,
    whatIf: [
      {
        kind: 'more_participants',
        missingParticipants: missing,
        nearbyDemand: demand,
        text: moreParticipantsText(g, missing, params.cluster.minParticipants, demand),
      },
    ],
  };
}
