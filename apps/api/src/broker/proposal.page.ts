import { FieldProblem } from '@km/common';
import { ProposalDetail } from '@km/initiatives';
import { errorSummary, html, SafeHtml } from '../pages/html';
import {
  countOf,
  DELIVERY_MODE_SV,
  LANGUAGE_SV,
  PROPOSAL_KIND_SV,
  swedishDate,
  swedishDateTime,
  swedishNumber,
  swedishSek,
} from '../pages/swedish-text';
import { CSRF_FIELD } from '../staff/staff-session';
import { staffLayout, StaffViewer } from '../staff/staff.page';
import {
  BROKER_PATH,
  deliveryModesText,
  initiativePath,
  needPath,
  participantsText,
  proposalPath,
  proposalStatusTag,
  summaryList,
  textArea,
} from './broker-page-parts';
import { placesMap } from './places-map';
import { leftOutHint, leftOutReason, whyThisProposal } from './proposal-explanation';

export interface ProposalModel {
  viewer: StaffViewer;
  detail: ProposalDetail;
  /** Brokers and admins decide; others read (and across a border only the course's centre). */
  mayDecide: boolean;
  /** The viewer's own municipalities: their firms are marked in a pool across the border. */
  ownMunicipalityCodes?: readonly string[];
  problems: FieldProblem[];
  values: { note: string; reason: string };
  /** Shown once after the PRG redirect of a rejection. */
  justRejected?: boolean;
}

const DECISION_ID: Record<string, string> = { note: 'approve-note', reason: 'reject-reason' };
const decisionId = (field: string) => DECISION_ID[field] ?? 'reject-reason';

export function proposalTitle(d: ProposalDetail): string {
  return d.offering?.title ?? `Ny utbildning: ${d.competences.join(', ') || d.theme}`;
}

function course(d: ProposalDetail): SafeHtml {
  const p = d.proposal;
  const o = d.offering;
  const window = p.startWindow
    ? `${swedishDate(p.startWindow.from)} – ${swedishDate(p.startWindow.to)}`
    : 'Inte bestämd';
  if (!o) {
    return html`<section aria-labelledby="course-title">
      <h2 id="course-title">Utbildningen som behövs</h2>
      ${summaryList([
        ['Kompetens', d.competences.join(', ')],
        ['Område', d.theme],
        ['Föreslaget lärcentrum', d.suggestedLearningCentre ?? 'Inget föreslaget'],
        ['Ort', d.venue.name],
        ['Tidsperiod för start', window],
        ['Deltagare', participantsText(p.participants)],
      ])}
    </section>`;
  }
  return html`<section aria-labelledby="course-title">
    <h2 id="course-title">Kursen</h2>
    ${summaryList([
      ['Utbildning', o.title],
      ['Anordnare', o.learningCentre],
      [
        'Plats',
        o.deliveryMode === 'remote'
          ? DELIVERY_MODE_SV.remote
          : `${DELIVERY_MODE_SV[o.deliveryMode] ?? ''} i ${d.venue.name}`,
      ],
      ['Start', window],
      ['Längd', countOf(o.durationDays, 'dag', 'dagar')],
      ['Språk', LANGUAGE_SV[o.language] ?? 'Annat språk'],
      [
        'Antal deltagare',
        `Minst ${swedishNumber(o.minParticipants)}, högst ${swedishNumber(o.maxParticipants)}`,
      ],
      [
        'Pris',
        `${swedishSek(o.costFixedSek)} fast och ${swedishSek(o.costPerParticipantSek)} per deltagare`,
      ],
      [
        'Kostnad per deltagare',
        p.costPerParticipantSek === null
          ? null
          : `${swedishSek(p.costPerParticipantSek)} med ${countOf(p.participants.total + (d.fills?.participants ?? 0), 'deltagare', 'deltagare')}`,
      ],
      ...plannedRows(d),
      [d.fills ? 'Tillkommer' : 'I gruppen', participantsText(p.participants)],
    ])}
  </section>`;
}

/** For a fill: the planned initiative and the seats it holds and has left. */
function plannedRows(d: ProposalDetail): [string, string | SafeHtml | null][] {
  if (!d.fills || !d.offering) return [];
  const free = Math.max(0, d.offering.maxParticipants - d.fills.participants);
  return [
    [
      'Planerad insats',
      html`<a href="${initiativePath(d.fills.initiativeId)}">${d.fills.title}</a>`,
    ],
    [
      'Platser',
      `${swedishNumber(d.fills.participants)} av ${swedishNumber(d.offering.maxParticipants)} tagna, ${countOf(free, 'ledig', 'lediga')}`,
    ],
  ];
}

function employers(d: ProposalDetail, own: ReadonlySet<string>): SafeHtml {
  const cost = d.proposal.costPerParticipantSek;
  const mark = d.proposal.crossBorder && own.size > 0;
  return html`<section aria-labelledby="employers-title">
    <h2 id="employers-title">Arbetsgivarna (${d.members.length})</h2>
    ${d.members.map(
      (m) =>
        html`<div class="card">
          <h3>
            <a href="${needPath(m.needId)}">${m.employer.name}</a>
            ${mark && own.has(m.municipality.code) ? html`<span class="tag tag--own">Din kommun</span>` : ''}
          </h3>
          ${summaryList([
            ['Kommun', m.municipality.name],
            ['Deltagare', participantsText(m.participants)],
            [
              'Resväg till kursen',
              m.distanceKm === null
                ? 'Deltar på distans'
                : m.distanceKm < 1
                  ? 'Finns på kursorten'
                  : `Ungefär ${swedishNumber(m.distanceKm)} km`,
            ],
            [
              'Kostnad för arbetsgivaren',
              cost === null
                ? null
                : `${swedishSek(cost * m.inCohort)} (${swedishSek(cost)} per deltagare)`,
            ],
            [
              'Behovet',
              html`<strong>${m.title}</strong
                >${m.description ? html`<br /><span class="pre-line">${m.description}</span>` : ''}`,
            ],
            ['Önskad tid', `${swedishDate(m.earliestStart)} – ${swedishDate(m.latestEnd)}`],
            ['Sätt att delta', deliveryModesText(m.deliveryModes)],
            [
              'Kontakt',
              m.contact
                ? html`${m.contact.name}<br /><a href="mailto:${m.contact.email}"
                      >${m.contact.email}</a
                    >${m.contact.phone ? html`<br /><a href="tel:${m.contact.phone.replace(/[^+\d]/g, '')}">${m.contact.phone}</a>` : ''}`
                : 'Kontaktuppgifterna visas inte',
            ],
          ])}
        </div>`,
    )}
  </section>`;
}

function leftOut(d: ProposalDetail): SafeHtml {
  if (d.leftOut.length === 0 && d.hints.length === 0) return html``;
  return html`<section aria-labelledby="left-out-title">
    <h2 id="left-out-title">Nästan med</h2>
    ${
      d.leftOut.length
        ? html`<p>De här arbetsgivarna har ett liknande behov i närheten men kom inte med:</p>
            <ul>
              ${d.leftOut.map((l) => {
                const hint = leftOutHint(l);
                return html`<li>
                  <a href="${needPath(l.needId)}">${l.employer.name}</a> (${l.municipality.name},
                  ${countOf(l.participants.total, 'deltagare', 'deltagare')}):
                  ${leftOutReason(l, d)} ${hint ? html`<strong>${hint}</strong>` : ''}
                </li>`;
              })}
            </ul>`
        : ''
    }
    ${
      d.hints.length
        ? html`<h3>Det som skulle göra utbildningen möjlig</h3>
            <ul>
              ${d.hints.map((h) => html`<li>${h}</li>`)}
            </ul>`
        : ''
    }
  </section>`;
}

function map(d: ProposalDetail): SafeHtml {
  const places = [
    { ...d.venue, role: 'venue' as const },
    ...d.members.map((m) => ({ ...m.municipality, role: 'employer' as const })),
    ...d.leftOut.map((l) => ({ ...l.municipality, role: 'left-out' as const })),
  ];
  return html`<section aria-labelledby="map-heading">
    <h2 id="map-heading">Var de finns</h2>
    ${placesMap(
      'places',
      `Karta: kursorten ${d.venue.name} (fyrkant), arbetsgivarna (fyllda ringar)${d.leftOut.length ? ' och de som nästan kom med (tomma ringar)' : ''}.`,
      places,
    )}
    <p class="hint">
      Fyrkant: kursorten ${d.venue.name}. Fyllda ringar: arbetsgivarnas kommuner
      (${[...new Set(d.members.map((m) => m.municipality.name))].join(', ')}).
      ${
        d.leftOut.length
          ? `Tomma ringar: de som nästan kom med (${[...new Set(d.leftOut.map((l) => l.municipality.name))].join(', ')}).`
          : ''
      }
    </p>
  </section>`;
}

function decision(model: ProposalModel): SafeHtml {
  const { detail: d } = model;
  const p = d.proposal;
  if (p.status === 'approved' && d.decision) {
    return html`<section class="decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Beslut</h2>
      <p>
        Godkänt ${swedishDateTime(d.decision.at)} av ${d.decision.by ?? 'en borttagen användare'}.
      </p>
      ${d.decision.note ? html`<p>Anteckning: <span class="pre-line">${d.decision.note}</span></p>` : ''}
      ${
        d.decision.initiativeId
          ? html`<p><a href="${initiativePath(d.decision.initiativeId)}">Till insatsen</a></p>`
          : ''
      }
    </section>`;
  }
  if (p.status === 'rejected' && d.decision) {
    return html`<section class="decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Beslut</h2>
      <p>
        Avslaget ${swedishDateTime(d.decision.at)} av ${d.decision.by ?? 'en borttagen användare'}.
      </p>
      ${d.decision.note ? html`<p>Skäl: <span class="pre-line">${d.decision.note}</span></p>` : ''}
      <p>Samma arbetsgivare föreslås inte igen för den här kursen.</p>
    </section>`;
  }
  if (p.status === 'superseded') {
    return html`<section class="decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Förslaget gäller inte längre</h2>
      <p>
        Matchningen har ersatt det med ett nyare förslag, ett behov har återkallats eller ingår
        redan i en annan insats. Det går inte att besluta om det.
      </p>
      <p><a href="${BROKER_PATH}">Till förslagen som väntar</a></p>
    </section>`;
  }
  if (!model.mayDecide) {
    if (p.status !== 'open' || !p.crossBorder || model.viewer.role !== 'broker') return html``;
    return html`<section class="decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Vem beslutar</h2>
      <p>
        Kursen hålls i ${d.venue.name} och arbetsgivarna finns i flera län. Förslaget beslutas av
        ${p.decider?.name ?? 'lärcentrumet som anordnar kursen'}, som anordnar kursen. Du kan läsa
        förslaget men inte godkänna eller avslå det. Arbetsgivarna i dina kommuner är markerade.
      </p>
    </section>`;
  }
  const problemOf = (field: string) => model.problems.find((pr) => pr.field === field);
  const csrf = html`<input type="hidden" name="${CSRF_FIELD}" value="${model.viewer.csrfToken}" />`;
  return html`<section class="decision" aria-labelledby="decision-title">
    <h2 id="decision-title">Ditt beslut</h2>
    <form method="post" action="${proposalPath(p.id)}/godkann" novalidate>
      ${csrf}
      <h3>Godkänn</h3>
      <p>
        ${
          d.fills
            ? 'Arbetsgivarna läggs till i den planerade insatsen, behoven reserveras för den och arbetsgivarna får e-post om att de ingår.'
            : 'Insatsen planeras, behoven reserveras för den och arbetsgivarna får e-post om att de ingår.'
        }
      </p>
      ${textArea({
        id: 'approve-note',
        name: 'anteckning',
        label: 'Anteckning (frivillig)',
        hint: 'Till exempel vad du har kommit överens om med anordnaren. Högst 1 000 tecken.',
        value: model.values.note,
        problem: problemOf('note'),
        rows: 3,
      })}
      <button type="submit">Godkänn förslaget</button>
    </form>
    <form method="post" action="${proposalPath(p.id)}/avsla" novalidate>
      ${csrf}
      <h3>Avslå</h3>
      <p>Samma arbetsgivare föreslås inte igen för den här kursen.</p>
      ${textArea({
        id: 'reject-reason',
        name: 'skal',
        label: 'Varför avslår du förslaget?',
        hint: 'Skälet sparas och visas för andra mäklare. 3–1 000 tecken.',
        value: model.values.reason,
        problem: problemOf('reason'),
        rows: 3,
      })}
      <button type="submit" class="button--warning">Avslå förslaget</button>
    </form>
  </section>`;
}

export function renderProposal(model: ProposalModel): string {
  const d = model.detail;
  const title = proposalTitle(d);
  const body = html`${errorSummary(model.problems, decisionId)}
    ${
      model.justRejected
        ? html`<div class="confirmation" role="status">
            <h2>Förslaget är avslaget</h2>
            <p>Skälet är sparat. Arbetsgivarnas behov ligger kvar och kan matchas på annat sätt.</p>
          </div>`
        : ''
    }
    <p><a href="${BROKER_PATH}">Tillbaka till förslagen</a></p>
    <h1>${title}</h1>
    <p>
      ${proposalStatusTag(d.proposal.status)}
      ${PROPOSAL_KIND_SV[d.proposal.kind as keyof typeof PROPOSAL_KIND_SV] ?? ''}
    </p>
    <section aria-labelledby="why-title">
      <h2 id="why-title">Varför det här förslaget</h2>
      ${whyThisProposal(d).map((s) => html`<p>${s}</p>`)}
    </section>
    ${course(d)} ${employers(d, new Set(model.ownMunicipalityCodes ?? []))} ${leftOut(d)} ${map(d)}
    ${decision(model)}`;
  return staffLayout(
    { title: model.problems.length ? `Fel: ${title}` : title, current: BROKER_PATH },
    model.viewer,
    body,
  );
}

/** The answer to a decision on a proposal that someone else (or a rematch) already settled. */
export function renderAlreadyDecided(viewer: StaffViewer, d: ProposalDetail): string {
  const title =
    d.proposal.status === 'superseded'
      ? 'Förslaget gäller inte längre'
      : 'Förslaget är redan beslutat';
  const who = d.decision?.by === viewer.email ? 'dig' : (d.decision?.by ?? 'en annan användare');
  const body = html`<h1>${title}</h1>
    ${
      d.proposal.status === 'approved' && d.decision
        ? html`<p>
              ${proposalTitle(d)} godkändes ${swedishDateTime(d.decision.at)} av ${who}. Ditt beslut
              sparades inte.
            </p>
            ${
              d.decision.initiativeId
                ? html`<p>
                    <a href="${initiativePath(d.decision.initiativeId)}">Till insatsen</a>
                  </p>`
                : ''
            }`
        : d.proposal.status === 'rejected' && d.decision
          ? html`<p>
              ${proposalTitle(d)} avslogs ${swedishDateTime(d.decision.at)} av ${who}. Ditt beslut
              sparades inte.
            </p>`
          : html`<p>
              Medan du tittade på förslaget ersattes det av matchningen, eller så har ett av behoven
              återkallats eller gått till en annan insats. Ditt beslut sparades inte.
            </p>`
    }
    <p><a href="${proposalPath(d.proposal.id)}">Till förslaget</a></p>
    <p><a href="${BROKER_PATH}">Till förslagen som väntar</a></p>`;
  return staffLayout({ title, current: BROKER_PATH }, viewer, body);
}

/**
 * The answer to an approval the rules refused under their locks (the course fully booked, the
 * start window removed, the initiative no longer planned, the offering withdrawn, the start
 * passed): the reason in the broker's words; the proposal is no longer open.
 */
export function renderNotApprovable(viewer: StaffViewer, d: ProposalDetail, reason: string): string {
  const title = reason.startsWith('Kursen är fullbokad')
    ? 'Kursen är fullbokad'
    : 'Förslaget kan inte godkännas';
  const body = html`<h1>${title}</h1>
    <p>${reason}</p>
    <p>Ditt beslut sparades inte.</p>
    <p><a href="${proposalPath(d.proposal.id)}">Till förslaget</a></p>
    <p><a href="${BROKER_PATH}">Till förslagen som väntar</a></p>`;
  return staffLayout({ title, current: BROKER_PATH }, viewer, body);
}
