import { ApiProperty } from '@nestjs/swagger';
import { WhyNotMatched } from '@km/matching';
import { NeedTrackingView } from '@km/needs';

export class WhyNotYetChangeDto {
  @ApiProperty({
    enum: [
      'maxTravelKm',
      'maxCostPerParticipantSek',
      'earliestStart',
      'latestEnd',
      'deliveryModes',
    ],
    description: 'The field of PATCH …/track/{token} to change',
  })
  readonly field: string;
  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'string' }],
    example: 52,
    description: 'Its new value (for deliveryModes: the mode to add)',
  })
  readonly value: number | string;
  @ApiProperty({ example: 'Öka längsta resväg till 52 km' }) readonly text: string;
}

export class WhyNotYetCourseDto {
  @ApiProperty({ example: 'Truckkort A+B' }) readonly title: string;
  @ApiProperty({ example: 'Örebro' }) readonly venueName: string;
  @ApiProperty({ example: '2027-03-01' }) readonly startFrom: string;
  @ApiProperty({ type: Number, nullable: true, example: 52 }) readonly distanceKm: number | null;
  @ApiProperty({ type: [String], description: 'What keeps the need out, in plain Swedish' })
  readonly reasons: string[];
}

export class WhyNotYetDto {
  @ApiProperty({ description: 'The answer in one or two plain Swedish sentences' })
  readonly summary: string;
  @ApiProperty({ type: [WhyNotYetCourseDto], description: 'The nearest courses, nearest first' })
  readonly courses: WhyNotYetCourseDto[];
  @ApiProperty({ type: WhyNotYetChangeDto, nullable: true })
  readonly change: WhyNotYetChangeDto | null;
}

/** Needs the matcher may still place, and so may ask "why not yet?". */
export function asksWhyNotYet(need: NeedTrackingView): boolean {
  return !need.initiative && ['received', 'proposed', 'unmet'].includes(need.status);
}

/**
 * The answer shown to the employer. A need held by an open proposal waits for a broker; otherwise
 * the matcher's fit rules say which nearby courses come closest and what keeps the need out.
 */
export function whyNotYetView(
  need: NeedTrackingView,
  answer: WhyNotMatched | null,
): WhyNotYetDto | null {
  if (!asksWhyNotYet(need)) return null;
  if (need.inOpenProposal) {
    return {
      summary:
        'Behovet ingår i ett förslag till gemensam utbildning. Ett förslag väntar på lärcentrums ' +
        'beslut; ni får e-post när det är godkänt.',
      courses: [],
      change: null,
    };
  }
  const courses = (answer?.courses ?? []).map((c) => ({
    title: c.title,
    venueName: c.venueName,
    startFrom: c.startWindow.from,
    distanceKm: c.distanceKm,
    reasons: c.blockers.map((b) => b.text),
  }));
  const change = answer?.bestChange
    ? {
        field: answer.bestChange.field,
        value: answer.bestChange.value,
        text: answer.bestChange.text,
      }
    : null;
  return { summary: summaryOf(need, answer), courses, change };
}

function summaryOf(need: NeedTrackingView, answer: WhyNotMatched | null): string {
  const courses = answer?.courses ?? [];
  if (need.competences.length === 0) {
    return (
      'Behovet gäller en kompetens som inte finns i vår lista, så matchningen kan inte jämföra det ' +
      'med kurser. En kompetensmäklare på lärcentrum läser behovet och hör av sig.'
    );
  }
  if (courses.length === 0) {
    return (
      'Det finns ännu ingen kurs i närheten med den kompetensen. Behovet ligger kvar: när fler ' +
      'arbetsgivare i närheten anmäler samma behov kan lärcentrum ordna en ny utbildning.'
    );
  }
  if (courses[0].blockers.length === 0) {
    return need.status === 'received'
      ? `Behovet passar kursen ${courses[0].title} i ${courses[0].venueName}. Matchningen körs ` +
          'inom några minuter efter varje ändring; ladda om sidan om en stund.'
      : `Behovet passar kursen ${courses[0].title} i ${courses[0].venueName}, men vid den senaste ` +
          'matchningen räckte platserna till andra behov. Behovet ligger kvar och matchas igen när ' +
          'kurserna eller behoven ändras.';
  }
  if (courses[0].blockers.every((b) => b.kind === 'full')) {
    const full =
      `Behovet passar kursen ${courses[0].title} i ${courses[0].venueName}, men kursen är ` +
      'fullbokad under de startperioder som passar er. Behovet ligger kvar och matchas igen om ' +
      'lärcentrum lägger till en grupp eller en ny startperiod.';
    return answer?.bestChange
      ? `${full} Ni kan också ändra behovet: ${answer.bestChange.text.toLowerCase()}.`
      : full;
  }
  if (answer?.bestChange) {
    return `Det finns kurser i närheten, men något i behovet hindrar en matchning. Den enklaste ändringen: ${answer.bestChange.text.toLowerCase()}.`;
  }
  return 'Det finns kurser i närheten, men de passar inte behovet ännu. Här är de närmaste och vad som saknas.';
}
