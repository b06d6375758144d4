import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldProblem } from '@km/common';
import {
  MAX_GROUPS_PER_WINDOW,
  MAX_START_WINDOWS,
  OfferingFields,
  OfferingView,
} from '@km/offerings';
import { toFieldProblems } from '../common/validation.exception';
import { CreateOfferingRequestDto } from '../offerings/offerings.dto';
import { FormProblem, integer, NeedFormValues } from '../pages/need-form.mapper';
import { inputId } from '../pages/form-fields';
import { swedishNumber } from '../pages/swedish-text';

/** The offering form's fields as posted (urlencoded; start windows as startWindows.N.from/to). */
export type OfferingFormValues = NeedFormValues;

/** The form's fields, in the order its problems are listed. */
const FIELD_ORDER = [
  'title',
  'competenceIds',
  'description',
  'prerequisites',
  'deliveryMode',
  'venueMunicipalityCode',
  'venueAddress',
  'minParticipants',
  'maxParticipants',
  'costFixedSek',
  'costPerParticipantSek',
  'durationDays',
  'startWindows',
  'language',
  'contact',
  'contact.name',
  'contact.email',
  'contact.phone',
  'url',
  'certificate',
];

/** The fields posted as one string each: not the competence list, the window rows or the group. */
const TEXT_FIELDS = FIELD_ORDER.filter(
  (field) => !['competenceIds', 'startWindows', 'contact'].includes(field),
);

/** What an empty "Antal grupper" is saved as (the offerings service's default too). */
const DEFAULT_GROUPS = 1;

const WINDOW_FIELD = /^startWindows\.(\d{1,2})\.(from|to|groups)$/;

const one = (v: string | string[] | undefined): string =>
  (Array.isArray(v) ? v[0] : (v ?? '')).trim();

/** How many start-window rows the form has (at least one, at most MAX_START_WINDOWS). */
export function windowCount(values: OfferingFormValues): number {
  let count = 0;
  for (const name of Object.keys(values)) {
    const match = WINDOW_FIELD.exec(name);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return Math.min(Math.max(count, 1), MAX_START_WINDOWS);
}

/** Only the known fields, as strings (what the form shows again). */
export function pickOfferingValues(body: Record<string, unknown>): OfferingFormValues {
  const values: OfferingFormValues = {};
  for (const [name, v] of Object.entries(body)) {
    const known = TEXT_FIELDS.includes(name) || WINDOW_FIELD.test(name);
    if (known && typeof v === 'string') values[name] = v.slice(0, 5000);
  }
  const competences = body.competenceIds;
  if (typeof competences === 'string') values.competenceIds = [competences];
  else if (Array.isArray(competences)) {
    values.competenceIds = competences.filter((s) => typeof s === 'string').slice(0, 50);
  }
  // Rows beyond the last are dropped: a forged index cannot make the form huge.
  const rows = windowCount(values);
  for (const name of Object.keys(values)) {
    const match = WINDOW_FIELD.exec(name);
    if (match && Number(match[1]) >= rows) delete values[name];
  }
  return values;
}

/**
 * The "Lägg till startperiod" and "Ta bort" buttons: the same values with a row more, or with
 * row `index` taken out and the rows after it moved up.
 */
export function withWindowAdded(values: OfferingFormValues): OfferingFormValues {
  const rows = windowCount(values);
  if (rows >= MAX_START_WINDOWS) return values;
  return {
    ...values,
    [`startWindows.${rows}.from`]: '',
    [`startWindows.${rows}.to`]: '',
    [`startWindows.${rows}.groups`]: String(DEFAULT_GROUPS),
  };
}

export function withWindowRemoved(values: OfferingFormValues, index: number): OfferingFormValues {
  const rows = windowCount(values);
  const kept = windows(values).filter((_, i) => i !== index);
  const next: OfferingFormValues = { ...values };
  for (let i = 0; i < rows; i++) {
    for (const part of ['from', 'to', 'groups']) delete next[`startWindows.${i}.${part}`];
  }
  (kept.length ? kept : [{ from: '', to: '', groups: String(DEFAULT_GROUPS) }]).forEach((w, i) => {
    next[`startWindows.${i}.from`] = w.from;
    next[`startWindows.${i}.to`] = w.to;
    next[`startWindows.${i}.groups`] = w.groups;
  });
  return next;
}

/**
 * The values as the form shows them: a row whose "Antal grupper" is empty or missing (a new form,
 * a row from a demand link) shows 1, the number that an empty field is saved as.
 */
export function withGroupsShown(values: OfferingFormValues): OfferingFormValues {
  const shown: OfferingFormValues = { ...values };
  windows(values).forEach((w, i) => {
    if (w.groups === '') shown[`startWindows.${i}.groups`] = String(DEFAULT_GROUPS);
  });
  return shown;
}

function windows(values: OfferingFormValues): { from: string; to: string; groups: string }[] {
  return Array.from({ length: windowCount(values) }, (_, i) => ({
    from: one(values[`startWindows.${i}.from`]),
    to: one(values[`startWindows.${i}.to`]),
    groups: one(values[`startWindows.${i}.groups`]),
  }));
}

/** The JSON body of POST /api/v1/offerings from the form's values (empty rows left out). */
export function offeringFormToRequest(values: OfferingFormValues): Record<string, unknown> {
  const text = (name: string) => one(values[name]) || null;
  const contact = {
    name: one(values['contact.name']),
    email: one(values['contact.email']),
    phone: one(values['contact.phone']),
  };
  const contactGiven = contact.name !== '' || contact.email !== '' || contact.phone !== '';
  const competences = values.competenceIds;
  return {
    title: one(values.title),
    competenceIds: Array.isArray(competences) ? competences : competences ? [competences] : [],
    description: text('description'),
    prerequisites: text('prerequisites'),
    deliveryMode: one(values.deliveryMode),
    venueMunicipalityCode: one(values.venueMunicipalityCode),
    venueAddress: text('venueAddress'),
    minParticipants: integer(one(values.minParticipants)),
    maxParticipants: integer(one(values.maxParticipants)),
    costFixedSek: integer(one(values.costFixedSek)),
    costPerParticipantSek: integer(one(values.costPerParticipantSek)),
    durationDays: integer(one(values.durationDays)),
    startWindows: windows(values)
      .filter((w) => w.from !== '' || w.to !== '')
      .map((w) => ({ from: w.from, to: w.to, groups: integer(w.groups, DEFAULT_GROUPS) })),
    language: one(values.language) || 'sv',
    contact: contactGiven
      ? {
          name: contact.name,
          email: contact.email,
          ...(contact.phone ? { phone: contact.phone } : {}),
        }
      : null,
    url: text('url'),
    certificate: one(values.certificate) === 'ja',
  };
}

/** The form's values of a stored offering (the edit form starts from them). */
export function offeringFormValues(o: OfferingView): OfferingFormValues {
  const values: OfferingFormValues = {
    title: o.title,
    competenceIds: o.competenceIds,
    description: o.description ?? '',
    prerequisites: o.prerequisites ?? '',
    deliveryMode: o.deliveryMode,
    venueMunicipalityCode: o.venueMunicipalityCode,
    venueAddress: o.venueAddress ?? '',
    minParticipants: String(o.minParticipants),
    maxParticipants: String(o.maxParticipants),
    costFixedSek: String(o.costFixedSek),
    costPerParticipantSek: String(o.costPerParticipantSek),
    durationDays: String(o.durationDays),
    language: o.language,
    'contact.name': o.contact?.name ?? '',
    'contact.email': o.contact?.email ?? '',
    'contact.phone': o.contact?.phone ?? '',
    url: o.url ?? '',
    certificate: o.certificate ? 'ja' : '',
  };
  o.startWindows.forEach((w, i) => {
    values[`startWindows.${i}.from`] = w.from;
    values[`startWindows.${i}.to`] = w.to;
    values[`startWindows.${i}.groups`] = String(w.groups ?? DEFAULT_GROUPS);
  });
  return values;
}

/**
 * Checks the form as the API checks POST /api/v1/offerings (the same DTO, then the service's
 * rules) and words each problem in Swedish, one per field. Returns the fields when there is none.
 */
export async function checkOfferingForm(
  values: OfferingFormValues,
  ruleProblems: (input: OfferingFields) => Promise<FieldProblem[]>,
): Promise<{ problems: FormProblem[]; fields?: OfferingFields }> {
  const dto = plainToInstance(CreateOfferingRequestDto, offeringFormToRequest(values));
  const shape = toFieldProblems(
    await validate(dto, { whitelist: true, forbidNonWhitelisted: true }),
  );
  const found: { field: string; code: string }[] = shape.map((p) => ({
    field: p.field,
    code: 'shape',
  }));
  if (shape.length === 0) {
    const rules = await ruleProblems(dto as unknown as OfferingFields);
    found.push(...rules.map((p) => ({ field: p.field, code: ruleCode(p.message) })));
  }
  const problems = offeringProblemsSv(found);
  return problems.length ? { problems } : { problems, fields: dto as unknown as OfferingFields };
}

/** The service's rule problems (a save that raced a change), in Swedish. */
export function ruleProblemsSv(problems: FieldProblem[]): FormProblem[] {
  return offeringProblemsSv(problems.map((p) => ({ field: p.field, code: ruleCode(p.message) })));
}

/** The service's English rule messages, as codes for the Swedish table. */
function ruleCode(message: string): string {
  if (/not a valid date/.test(message)) return 'date';
  if (/must not be before|must be at least minParticipants/.test(message)) return 'order';
  if (/wholly in the past/.test(message)) return 'past';
  if (/within \d+ years/.test(message)) return 'tooFar';
  if (/repeats an earlier window/.test(message)) return 'repeat';
  if (/unknown competences/.test(message)) return 'unknown';
  return 'rule';
}

/** One Swedish message per field, in the form's order. */
export function offeringProblemsSv(found: { field: string; code?: string }[]): FormProblem[] {
  const seen = new Set<string>();
  const problems: FormProblem[] = [];
  for (const p of found) {
    // A problem of one window's field, or of the window as a whole, is shown on its row.
    const field = /^startWindows\.\d+$/.test(p.field) ? `${p.field}.from` : p.field;
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, message: offeringMessageSv(field, p.code ?? '') });
  }
  return problems.sort((a, b) => orderOf(a.field) - orderOf(b.field));
}

function orderOf(field: string): number {
  const row = /^startWindows\.(\d+)\.(from|to|groups)$/.exec(field);
  const base = FIELD_ORDER.indexOf(row ? 'startWindows' : field);
  const part = row ? ['from', 'to', 'groups'].indexOf(row[2]) : 0;
  return (base < 0 ? FIELD_ORDER.length : base) * 1000 + (row ? Number(row[1]) * 3 + part + 1 : 0);
}

const MAX = {
  participants: swedishNumber(500),
  fixed: swedishNumber(10_000_000),
  perHead: swedishNumber(1_000_000),
};

const MESSAGES: Record<string, string> = {
  title: 'Ange utbildningens namn med 3–200 tecken.',
  competenceIds: 'Välj minst en kompetens som utbildningen ger (högst 20).',
  'competenceIds/unknown': 'En av de valda kompetenserna finns inte längre. Välj igen.',
  description: 'Beskrivningen får vara högst 4 000 tecken.',
  prerequisites: 'Förkunskaperna får beskrivas med högst 2 000 tecken.',
  deliveryMode: 'Välj hur utbildningen genomförs.',
  venueMunicipalityCode: 'Välj kommunen där utbildningen hålls.',
  venueAddress: 'Adressen får vara högst 300 tecken.',
  minParticipants: `Ange minsta antal deltagare som ett heltal, 1–${MAX.participants}.`,
  maxParticipants: `Ange största antal deltagare som ett heltal, 1–${MAX.participants}.`,
  'maxParticipants/order': 'Största antal deltagare kan inte vara mindre än minsta antal.',
  costFixedSek: `Ange den fasta kostnaden i hela kronor, 0–${MAX.fixed}. Skriv 0 om det inte finns någon.`,
  costPerParticipantSek: `Ange kostnaden per deltagare i hela kronor, 0–${MAX.perHead}. Skriv 0 om det inte finns någon.`,
  durationDays: 'Ange hur många dagar utbildningen pågår, som ett heltal 1–365.',
  startWindows: 'Ange minst en startperiod.',
  'startWindows.N.from': 'Ange första startdag som ett datum, till exempel 2027-02-01.',
  'startWindows.N.from/tooFar': 'Startperioden får börja högst fem år fram i tiden.',
  'startWindows.N.from/repeat': 'Startperioden finns redan. Ta bort den eller ändra datumen.',
  'startWindows.N.to': 'Ange sista startdag som ett datum, till exempel 2027-03-15.',
  'startWindows.N.to/order': 'Sista startdagen kan inte vara före den första.',
  'startWindows.N.to/past': 'Startperioden har redan passerat. Ange en period framåt i tiden.',
  'startWindows.N.groups': `Ange antal grupper som ett heltal, 1–${MAX_GROUPS_PER_WINDOW}.`,
  language: 'Välj språk för utbildningen.',
  contact: 'Ange kontaktpersonens namn och e-postadress.',
  'contact.name': 'Ange kontaktpersonens namn (högst 200 tecken).',
  'contact.email': 'Ange kontaktpersonens e-postadress, till exempel namn@larcentrum.se.',
  'contact.phone': 'Ange telefonnumret med siffror, till exempel 0581-811 00.',
  url: 'Ange hela webbadressen, med https:// först, till exempel https://www.larcentrum.se/truck.',
  certificate: 'Svara om utbildningen ger ett certifikat.',
};

export function offeringMessageSv(field: string, code: string): string {
  const key = field.replace(/\.\d+\./, '.N.');
  return (
    MESSAGES[`${key}/${code}`] ??
    MESSAGES[key] ??
    MESSAGES[key.split('.')[0]] ??
    'Fältet känns inte igen. Ladda om formuläret och försök igen.'
  );
}

/** The id of the input a problem links to (the error summary's anchors). */
export function offeringInputId(field: string): string {
  if (field === 'contact') return 'contact-name';
  return inputId(field);
}
