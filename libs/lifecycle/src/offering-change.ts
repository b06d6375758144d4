import { withGroups, type OfferingFields, type OfferingView } from '@km/offerings';

const MODE: Record<OfferingFields['deliveryMode'], string> = {
  onsite: 'på plats',
  remote: 'på distans',
  hybrid: 'på plats och på distans',
};
const sek = (n: number) => `${new Intl.NumberFormat('sv-SE').format(n)} kr`;
const windows = (o: Pick<OfferingFields, 'startWindows'>) =>
  o.startWindows
    .map((w) => `${w.from}–${w.to}${(w.groups ?? 1) > 1 ? ` (${w.groups} grupper)` : ''}`)
    .join(', ') || 'inga';
const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * The edits to an offering that change what a broker would approve, in plain Swedish with old
 * and new values. An empty list (e.g. only the title changed) leaves proposals as they are.
 */
export function offeringChanges(
  before: OfferingView,
  after: OfferingFields,
  municipalityName: (code: string) => string,
): string[] {
  const lines: string[] = [];
  if (before.venueMunicipalityCode !== after.venueMunicipalityCode)
    lines.push(
      `Ort: ${municipalityName(before.venueMunicipalityCode)} → ${municipalityName(after.venueMunicipalityCode)}`,
    );
  if (before.deliveryMode !== after.deliveryMode)
    lines.push(`Genomförande: ${MODE[before.deliveryMode]} → ${MODE[after.deliveryMode]}`);
  if (
    before.minParticipants !== after.minParticipants ||
    before.maxParticipants !== after.maxParticipants
  )
    lines.push(
      `Deltagare: ${before.minParticipants}–${before.maxParticipants} → ` +
        `${after.minParticipants}–${after.maxParticipants}`,
    );
  if (
    before.costFixedSek !== after.costFixedSek ||
    before.costPerParticipantSek !== after.costPerParticipantSek
  )
    lines.push(
      `Kostnad: ${sek(before.costFixedSek)} fast + ${sek(before.costPerParticipantSek)} per deltagare → ` +
        `${sek(after.costFixedSek)} fast + ${sek(after.costPerParticipantSek)} per deltagare`,
    );
  if (before.durationDays !== after.durationDays)
    lines.push(`Längd: ${before.durationDays} → ${after.durationDays} dagar`);
  if (!sameList(withGroups(before.startWindows), withGroups(after.startWindows)))
    lines.push(`Startfönster: ${windows(before)} → ${windows(after)}`);
  if (!sameList([...before.competenceIds].sort(), [...after.competenceIds].sort()))
    lines.push('Kompetenser har ändrats');
  if (before.language !== after.language)
    lines.push(`Språk: ${before.language} → ${after.language}`);
  return lines;
}

/**
 * Why a planned initiative no longer fits the edited offering: its size outside min–max, its
 * start date outside every start window. Empty when it still fits.
 */
export function initiativeMisfits(
  initiative: { participants: number; startDate: string | null },
  after: OfferingFields,
): string[] {
  const misfits: string[] = [];
  if (initiative.participants > after.maxParticipants)
    misfits.push(
      `Insatsen har ${initiative.participants} deltagare men utbildningen tar nu högst ${after.maxParticipants}.`,
    );
  if (initiative.participants < after.minParticipants)
    misfits.push(
      `Insatsen har ${initiative.participants} deltagare men utbildningen kräver nu minst ${after.minParticipants}.`,
    );
  const start = initiative.startDate;
  if (start && !after.startWindows.some((w) => w.from <= start && start <= w.to))
    misfits.push(
      `Startdatumet ${start} ligger inte längre i något startfönster (${windows(after)}).`,
    );
  return misfits;
}
