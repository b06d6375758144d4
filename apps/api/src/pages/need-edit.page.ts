import { labelSv, NEED_FIELD_PHRASE_SV } from '@km/labels';
import { NeedTrackingView } from '@km/needs';
import { formFields, inputId } from './form-fields';
import { FormProblem, NeedFormValues } from './need-form.mapper';
import { errorSummary, html, layout } from './html';

export interface NeedEditModel {
  need: NeedTrackingView;
  values: NeedFormValues;
  problems: FormProblem[];
  /** YYYY-MM-DD. */
  today: string;
  statusPath: string;
  action: string;
  /** Fields filled in from the "why not matched yet" suggestion, shown so nothing surprises. */
  suggested: string[];
}

/** The form's values for a need as it is now (the contact stays empty: it is not shown). */
export function editValuesOf(need: NeedTrackingView): NeedFormValues {
  return {
    description: need.description,
    'participants.total': String(need.participants.total),
    'participants.women': String(need.participants.women),
    'participants.men': String(need.participants.men),
    earliestStart: need.earliestStart,
    latestEnd: need.latestEnd,
    deliveryModes: [...need.deliveryModes],
    maxTravelKm: String(need.maxTravelKm),
    maxCostPerParticipantSek:
      need.maxCostPerParticipantSek === null ? '' : String(need.maxCostPerParticipantSek),
  };
}

/** GET/POST /behov/{token}/andra: the fields an employer may change, with the intake's rules. */
export function renderNeedEdit(model: NeedEditModel): string {
  const { need, problems } = model;
  const f = formFields(model.values, problems);
  const fields = model.suggested
    .map((s) => labelSv(NEED_FIELD_PHRASE_SV, s, 'uppgifterna'))
    .join(' och ');
  const suggestion = model.suggested.length
    ? html`<div class="notice" role="status">
        <p>Vi har fyllt i ${fields} enligt förslaget. Kontrollera uppgifterna och spara.</p>
      </div>`
    : html``;
  const body = html`${errorSummary(problems, inputId)}
    <p><a href="${model.statusPath}">Tillbaka till behovet</a></p>
    <h1>Ändra behovet</h1>
    <p class="lead">
      ”${need.title}”, ärendenummer ${need.reference}. När ni sparar matchas behovet på nytt.
    </p>
    ${suggestion}
    <form method="post" action="${model.action}" novalidate>
      <fieldset class="section">
        <legend><h2>Behovet</h2></legend>
        ${f.participants()} ${f.timeWindow(model.today)} ${f.deliveryModes()} ${f.travelField()}
        ${f.costField()} ${f.descriptionField()}
      </fieldset>
      <fieldset class="section">
        <legend><h2>Ny kontaktperson</h2></legend>
        <p class="hint">
          Fyll bara i om någon annan ska kontaktas om behovet. Lämnar ni fälten tomma behåller vi
          den kontaktperson vi har.
        </p>
        ${f.contactFields(true)}
      </fieldset>
      <button type="submit" class="button">Spara ändringarna</button>
      <a class="button-link" href="${model.statusPath}">Avbryt</a>
    </form>`;
  return layout({ title: problems.length ? 'Fel: Ändra behovet' : 'Ändra behovet' }, body);
}

/** The need is part of an initiative (or no longer open): say so, and whom to call. */
export function renderNeedLocked(need: NeedTrackingView, statusPath: string): string {
  const lc = need.learningCentre;
  const body = html`<h1>Behovet kan inte längre ändras</h1>
    <p>
      ${
        need.initiative
          ? 'Behovet ingår i en planerad utbildning, så ändringar görs tillsammans med lärcentrum.'
          : 'Behovet är inte längre öppet för ändringar.'
      }
    </p>
    ${
      lc
        ? html`<p>
              Kontakta ${lc.name} och ange ärendenumret ${need.reference}:
              ${lc.contact.phone ? html`telefon ${lc.contact.phone}` : ''}${lc.contact.phone && lc.contact.email ? ', ' : ''}${lc.contact.email ? html`e-post <a href="mailto:${lc.contact.email}">${lc.contact.email}</a>` : ''}.
            </p>
            ${lc.contact.isDemo ? html`<p class="hint">Demouppgifter: kontaktuppgifterna är påhittade för demonstrationen.</p>` : ''}`
        : ''
    }
    <p><a href="${statusPath}">Tillbaka till behovet</a></p>`;
  return layout({ title: 'Behovet kan inte längre ändras' }, body);
}
