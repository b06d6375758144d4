import { ProposalDetail } from '@km/initiatives';
import {
  countOf,
  DELIVERY_MODE_SV,
  LANGUAGE_SV,
  swedishDate,
  swedishNumber,
  swedishSek,
} from '../pages/swedish-text';

type LeftOut = ProposalDetail['leftOut'][number];

/** "a, b och c". */
export function listSv(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} och ${items.at(-1)}`;
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * Why the matcher proposes this, in sentences a broker can repeat to an employer: why these
 * firms, why this course, what it costs each firm. No internal scores or weights.
 */
export function whyThisProposal(d: ProposalDetail): string[] {
  const p = d.proposal;
  const firms = countOf(d.members.length, 'arbetsgivare', 'arbetsgivare');
  const places = listSv([...new Set(d.members.map((m) => m.municipality.name))].sort());
  const what = listSv(d.competences.map(lower)) || 'samma kompetens';
  const sentences: string[] = [];
  const window = p.startWindow
    ? `med start mellan ${swedishDate(p.startWindow.from)} och ${swedishDate(p.startWindow.to)}`
    : '';
  if (d.offering && d.fills) {
    const o = d.offering;
    const free = o.maxParticipants - d.fills.participants;
    sentences.push(
      `${o.title} ${window} är redan en planerad insats med ${countOf(d.fills.participants, 'deltagare', 'deltagare')} och ${countOf(Math.max(0, free), 'ledig plats', 'lediga platser')} (högst ${swedishNumber(o.maxParticipants)}).`,
      `${firms} i ${places} behöver ${what} och kan ta ${countOf(p.participants.total, 'av platserna', 'av platserna')}, i stället för att vänta på nästa kurs. Det ryms i varje arbetsgivares önskade tidsperiod och sätt att delta.`,
    );
  } else if (d.offering) {
    const o = d.offering;
    sentences.push(
      `${firms} i ${places} behöver ${what} och kan gå samma kurs. Tillsammans blir de ${countOf(p.participants.total, 'deltagare', 'deltagare')}, och kursen tar ${swedishNumber(o.minParticipants)}–${swedishNumber(o.maxParticipants)} deltagare.`,
    );
    const where =
      o.deliveryMode === 'remote'
        ? 'ges på distans'
        : `ges ${lower(DELIVERY_MODE_SV[o.deliveryMode] ?? 'på plats')} i ${d.venue.name}`;
    sentences.push(
      `${o.title} hos ${o.learningCentre} ${where}${window ? ` ${window}` : ''}, på ${lower(LANGUAGE_SV[o.language] ?? 'svenska')}. Det ryms i varje arbetsgivares önskade tidsperiod och sätt att delta.`,
    );
  } else {
    sentences.push(
      `${firms} i ${places} behöver ${what}, sammanlagt ${countOf(p.participants.total, 'deltagare', 'deltagare')}, men ingen utbildning i utbudet passar dem.`,
    );
    sentences.push(
      `Förslaget är att ${d.suggestedLearningCentre ?? 'ett lärcentrum i närheten'} ordnar en ny utbildning i ${d.venue.name}${window ? ` ${window}` : ''}.`,
    );
  }
  const travelling = d.members.filter((m) => m.distanceKm !== null);
  if (travelling.length > 0) {
    const farthest = travelling.reduce((a, b) =>
      (b.distanceKm ?? 0) > (a.distanceKm ?? 0) ? b : a,
    );
    sentences.push(
      farthest.distanceKm! < 1
        ? `Alla arbetsgivare finns i ${d.venue.name}.`
        : `Längst att resa har ${farthest.employer.name}: ungefär ${swedishNumber(farthest.distanceKm!)} km till ${d.venue.name}. Alla ligger inom den resväg de själva har angett.`,
    );
  }
  if (d.offering && p.costPerParticipantSek !== null) {
    const o = d.offering;
    const smallest = d.members.reduce<(typeof d.members)[number] | undefined>(
      (a, b) => (!a || b.inCohort < a.inCohort ? b : a),
      undefined,
    );
    const groupSize = p.participants.total + (d.fills?.participants ?? 0);
    let cost = `Med ${countOf(groupSize, 'deltagare', 'deltagare')} blir kostnaden ${swedishSek(p.costPerParticipantSek)} per deltagare: den fasta kostnaden ${swedishSek(o.costFixedSek)} delas av hela gruppen, och till det kommer ${swedishSek(o.costPerParticipantSek)} per deltagare.`;
    if (smallest && d.members.length > 1 && !d.fills) {
      const alone = o.costFixedSek / Math.max(smallest.inCohort, 1) + o.costPerParticipantSek;
      cost += ` Ensam hade ${smallest.employer.name} fått betala ${swedishSek(alone)} per deltagare.`;
    }
    sentences.push(cost);
  }
  return sentences;
}

/** Why a near-miss need is not in the cohort, in plain Swedish. */
export function leftOutReason(l: LeftOut, d: ProposalDetail): string {
  const venue = d.venue.name;
  switch (l.cause) {
    case 'distance':
      return typeof l.requiredValue === 'number'
        ? `Resvägen till ${venue} är ungefär ${swedishNumber(l.requiredValue)} km, men arbetsgivaren vill resa högst ${swedishNumber(l.maxTravelKm)} km.`
        : `Resvägen till ${venue} är längre än arbetsgivaren har angett (högst ${swedishNumber(l.maxTravelKm)} km).`;
    case 'cost':
      return l.maxCostPerParticipantSek !== null
        ? `Kostnaden per deltagare blir högre än de ${swedishSek(l.maxCostPerParticipantSek)} som arbetsgivaren har angett som mest.`
        : 'Kostnaden per deltagare blir för hög för arbetsgivaren.';
    case 'time':
      return `Kursens startperiod passar inte arbetsgivarens önskade tid (${swedishDate(l.earliestStart)} – ${swedishDate(l.latestEnd)}).`;
    case 'delivery_mode':
      return 'Arbetsgivaren har inte angett att kursens sätt att delta (på plats, distans eller kombinerat) passar.';
    case 'language':
      return `Behovet gäller undervisning på ${lower(LANGUAGE_SV[l.language] ?? 'ett annat språk')}.`;
    case 'competence':
      return 'Behovet gäller en närliggande men inte samma kompetens som kursen.';
    case 'size':
      return 'Behovet har fler deltagare än kursen tar emot.';
    case 'capacity':
      return 'Kursen blir full utan dem.';
    case 'other_proposal':
      return 'Behovet ingår redan i ett annat förslag som passar det bättre.';
    default:
      return 'Utan dem kan fler behov totalt matchas.';
  }
}

/** What would bring the need in ("med 3 km längre resväg kommer Hallsbergs Bygg AB med"). */
export function leftOutHint(l: LeftOut): string | null {
  const who = l.employer.name;
  if (l.cause === 'distance' && typeof l.requiredValue === 'number') {
    const more = Math.max(1, Math.ceil(l.requiredValue - l.maxTravelKm));
    return `Med ${swedishNumber(more)} km längre resväg kommer ${who} med.`;
  }
  if (l.cause === 'cost' && typeof l.requiredValue === 'number') {
    return `Om ${who} godtar ${swedishSek(l.requiredValue)} per deltagare kommer de med.`;
  }
  if (l.cause === 'delivery_mode') return `Om ${who} godtar kursens sätt att delta kommer de med.`;
  if (l.cause === 'size')
    return `Om ${who} delar upp sina deltagare på två kurser kan de komma med.`;
  return null;
}
