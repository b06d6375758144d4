import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { NeedFieldProblem, NeedSubmission } from '@km/needs';
import { toFieldProblems } from '../common/validation.exception';
import { EditNeedRequestDto, SubmitNeedRequestDto } from '../needs/needs.dto';

/** The form's fields as posted (urlencoded): flat names, repeated names for checkboxes. */
export type NeedFormValues = Record<string, string | string[] | undefined>;

/** A problem shown on the form: the field's input id and a Swedish message. */
export interface FormProblem {
  field: string;
  message: string;
}

const TEXT_FIELDS = [
  'employer.orgNumber',
  'employer.name',
  'employer.municipalityCode',
  'employer.sniSection',
  'employer.employees',
  'contact.name',
  'contact.email',
  'contact.phone',
  'title',
  'description',
  'otherCompetence',
  'participants.total',
  'participants.women',
  'participants.men',
  'earliestStart',
  'latestEnd',
  'maxTravelKm',
  'maxCostPerParticipantSek',
  'language',
  'ageBand',
  'educationLevel',
  'consent',
] as const;

const one = (v: string | string[] | undefined): string =>
  (Array.isArray(v) ? v[0] : (v ?? '')).trim();
const many = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map((s) => s.trim());

/**
 * "12" → 12, and so are "12 km", "8 000 kr" and "8000:-" (people write the unit the label asks
 * for); "" → the fallback; anything else stays a string so validation names it.
 */
export function integer(value: string, fallback?: number): number | string | undefined {
  const compact = value.replace(/\s/g, '').replace(/(km|kr|kronor|st|:-)$/i, '');
  if (compact === '') return value.trim() === '' ? fallback : value;
  return /^-?\d{1,9}$/.test(compact) ? Number(compact) : value;
}

/** Only the known fields, as strings (what the form shows again after an error). */
export function pickFormValues(body: Record<string, unknown>): NeedFormValues {
  const values: NeedFormValues = {};
  for (const name of TEXT_FIELDS) {
    const v = body[name];
    if (typeof v === 'string') values[name] = v.slice(0, 5000);
  }
  for (const name of ['competenceIds', 'deliveryModes']) {
    const v = body[name];
    if (typeof v === 'string') values[name] = [v];
    else if (Array.isArray(v)) values[name] = v.filter((s) => typeof s === 'string').slice(0, 50);
  }
  return values;
}

/** The JSON shape of the API from the form's values. */
export function formToRequest(values: NeedFormValues): Record<string, unknown> {
  const phone = one(values['contact.phone']);
  return {
    employer: {
      orgNumber: one(values['employer.orgNumber']),
      name: one(values['employer.name']),
      municipalityCode: one(values['employer.municipalityCode']),
      sniSection: one(values['employer.sniSection']),
      employees: integer(one(values['employer.employees'])),
    },
    contact: {
      name: one(values['contact.name']),
      email: one(values['contact.email']),
      ...(phone ? { phone } : {}),
    },
    title: one(values.title),
    description: one(values.description),
    competenceIds: many(values.competenceIds),
    otherCompetence: one(values.otherCompetence) || null,
    participants: {
      total: integer(one(values['participants.total'])),
      women: integer(one(values['participants.women']), 0),
      men: integer(one(values['participants.men']), 0),
    },
    earliestStart: one(values.earliestStart),
    latestEnd: one(values.latestEnd),
    deliveryModes: many(values.deliveryModes),
    maxTravelKm: integer(one(values.maxTravelKm)),
    maxCostPerParticipantSek: integer(one(values.maxCostPerParticipantSek)) ?? null,
    language: one(values.language) || 'sv',
    ageBand: one(values.ageBand) || null,
    educationLevel: one(values.educationLevel) || null,
    consent: one(values.consent) === 'ja',
  };
}

/**
 * Checks the form as the API would (same DTO rules, then the service's rules) and words each
 * problem in Swedish, one per field. Returns the submission when there is none.
 */
export async function checkNeedForm(
  values: NeedFormValues,
  serviceProblems: (input: Partial<NeedSubmission>) => Promise<NeedFieldProblem[]>,
): Promise<{ problems: FormProblem[]; submission?: NeedSubmission }> {
  const request = formToRequest(values);
  const dto = plainToInstance(SubmitNeedRequestDto, request);
  const shape = toFieldProblems(
    await validate(dto, { whitelist: true, forbidNonWhitelisted: true }),
  ).map((p) => ({ ...p, code: 'shape' }));
  const rules = await serviceProblems(dto as unknown as Partial<NeedSubmission>);
  // Rule problems are more specific (e.g. a wrong check digit); they win over shape problems.
  const problems = swedishProblems([...rules, ...shape]);
  return problems.length
    ? { problems }
    : { problems, submission: dto as unknown as NeedSubmission };
}

/** The edit form's values as the body of PATCH …/track/{token}; empty contact = unchanged. */
export function editFormToRequest(values: NeedFormValues): Record<string, unknown> {
  const full = formToRequest(values);
  const contact = full.contact as Record<string, string>;
  const contactGiven = Object.values(contact).some((v) => v !== '');
  return {
    description: full.description,
    participants: full.participants,
    earliestStart: full.earliestStart,
    latestEnd: full.latestEnd,
    deliveryModes: full.deliveryModes,
    // An emptied field is an error to show, not "leave as it is" (only max cost may be cleared).
    maxTravelKm: full.maxTravelKm ?? '',
    maxCostPerParticipantSek: full.maxCostPerParticipantSek,
    ...(contactGiven ? { contact } : {}),
  };
}

/** The edit form checked as the API checks PATCH (the service's rules come on saving). */
export async function checkEditForm(
  values: NeedFormValues,
): Promise<{ problems: FormProblem[]; changes?: EditNeedRequestDto }> {
  const dto = plainToInstance(EditNeedRequestDto, editFormToRequest(values));
  const shape = toFieldProblems(
    await validate(dto, { whitelist: true, forbidNonWhitelisted: true }),
  );
  const problems = swedishProblems(shape.map((p) => ({ ...p, code: 'shape' })));
  return problems.length ? { problems } : { problems, changes: dto };
}

/** One Swedish message per field, in the form's order. */
export function swedishProblems(found: { field: string; code?: string }[]): FormProblem[] {
  const problems: FormProblem[] = [];
  const seen = new Set<string>();
  for (const p of found) {
    if (seen.has(p.field)) continue;
    seen.add(p.field);
    problems.push({ field: p.field, message: swedishMessage(p.field, p.code ?? '') });
  }
  return problems.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
}

/** Fields in the order the form shows them (the error summary follows it). */
export const FIELD_ORDER = [
  'employer.orgNumber',
  'employer.name',
  'employer.municipalityCode',
  'employer.sniSection',
  'employer.employees',
  'contact.name',
  'contact.email',
  'contact.phone',
  'title',
  'description',
  'competenceIds',
  'otherCompetence',
  'participants.total',
  'participants.women',
  'participants.men',
  'participants',
  'earliestStart',
  'latestEnd',
  'deliveryModes',
  'maxTravelKm',
  'maxCostPerParticipantSek',
  'language',
  'ageBand',
  'educationLevel',
  'consent',
];

const MESSAGES: Record<string, string> = {
  'employer.orgNumber': 'Ange organisationsnumret med tio siffror, till exempel 556036-0793.',
  'employer.orgNumber/orgNumber.group':
    'Numret är inte ett organisationsnummer: den tredje och fjärde siffran ska tillsammans vara minst 20.',
  'employer.orgNumber/orgNumber.checksum':
    'Organisationsnumret stämmer inte. Kontrollera siffrorna (kontrollsiffran är fel).',
  'employer.name': 'Ange organisationens namn (högst 200 tecken).',
  'employer.municipalityCode': 'Välj vilken kommun arbetsplatsen ligger i.',
  'employer.sniSection': 'Välj bransch.',
  'employer.employees': 'Ange antal anställda som ett heltal, minst 1.',
  'contact.name': 'Ange kontaktpersonens namn (högst 200 tecken).',
  'contact.email': 'Ange en giltig e-postadress, till exempel namn@foretag.se.',
  'contact.phone': 'Ange telefonnumret med siffror, till exempel 070-123 45 67.',
  title: 'Ange en rubrik på 3–200 tecken.',
  description: 'Beskrivningen får vara högst 4 000 tecken.',
  competenceIds: 'Välj minst en kompetens (högst tio), eller beskriv den under Annan kompetens.',
  otherCompetence: 'Beskriv den andra kompetensen med högst 200 tecken.',
  'competenceIds/unknown': 'En av de valda kompetenserna finns inte längre. Välj igen.',
  'participants.total': 'Ange antal deltagare som ett heltal, 1–500.',
  'participants.women': 'Ange antal kvinnor som ett heltal, 0 eller fler.',
  'participants.men': 'Ange antal män som ett heltal, 0 eller fler.',
  participants: 'Kvinnor och män får tillsammans inte vara fler än det totala antalet deltagare.',
  earliestStart: 'Ange tidigaste start som ett datum, till exempel 2027-02-01.',
  'earliestStart/date.past': 'Tidigaste start kan inte vara före dagens datum.',
  latestEnd: 'Ange senaste slut som ett datum, till exempel 2027-06-30.',
  'latestEnd/date.order': 'Senaste slut måste vara efter tidigaste start.',
  'latestEnd/date.tooFar': 'Senaste slut får vara högst två år fram i tiden.',
  deliveryModes: 'Välj minst ett sätt att genomföra utbildningen.',
  maxTravelKm: 'Ange hur långt deltagarna kan resa i hela kilometer, 0–1 000.',
  maxCostPerParticipantSek:
    'Ange högsta kostnad per deltagare i hela kronor, 0 eller mer, eller lämna fältet tomt.',
  language: 'Välj språk för utbildningen.',
  ageBand: 'Välj en åldersgrupp i listan, eller lämna fältet tomt.',
  educationLevel: 'Välj en utbildningsnivå i listan, eller lämna fältet tomt.',
  consent: 'Du behöver godkänna att vi sparar kontaktuppgifterna för att kunna ta emot behovet.',
};

export function swedishMessage(field: string, code: string): string {
  return (
    MESSAGES[`${field}/${code}`] ??
    MESSAGES[field] ??
    MESSAGES[field.split('.')[0]] ??
    'Fältet känns inte igen. Ladda om formuläret och försök igen.'
  );
}
