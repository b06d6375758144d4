import { DELIVERY_MODES, OfferingView } from '@km/offerings';
import { NEED_LANGUAGES } from '@km/needs';
import { formFields } from '../pages/form-fields';
import { formTokenInput } from '../pages/form-token';
import { errorSummary, html, SafeHtml } from '../pages/html';
import { FormProblem } from '../pages/need-form.mapper';
import { NeedFormReference } from '../pages/need-form.page';
import { DELIVERY_MODE_SV, LANGUAGE_SV, labelSv } from '@km/labels';
import { CSRF_FIELD } from '../staff/staff-session';
import { staffLayout, StaffViewer } from '../staff/staff.page';
import {
  offeringInputId,
  OfferingFormValues,
  windowCount,
  withGroupsShown,
} from './offering-form.mapper';
import { offeringPath, PROVIDER_PATH } from './provider-paths';

export interface OfferingFormModel {
  viewer: StaffViewer;
  reference: Pick<NeedFormReference, 'municipalities' | 'competences'>;
  values: OfferingFormValues;
  problems: FormProblem[];
  /** The offering being changed; none for a new one. */
  offering?: OfferingView;
  /** A new offering's one-time form token (see `postedFormToken`). */
  formToken?: string;
  /** Today (YYYY-MM-DD), the earliest start a window may have. */
  today: string;
  /** The form came from a demand row: say so above it. */
  fromDemand?: boolean;
}

/** The create and edit form (GET/POST /utbud/nytt, /utbud/{id}/andra); works without JavaScript. */
export function renderOfferingForm(model: OfferingFormModel): string {
  const { problems, reference, offering } = model;
  const values = withGroupsShown(model.values);
  const f = formFields(values, problems);
  const action = offering ? `${offeringPath(offering.id)}/andra` : `${PROVIDER_PATH}/nytt`;
  const heading = offering ? `Ändra ${offering.title}` : 'Nytt utbud';
  const textArea = (field: string, label: string, hint: string, max: number) => {
    const d = f.described(field, hint);
    return html`<div class="field${d.problem ? ' field--error' : ''}">
      <label for="${d.id}">${label} <span class="optional">(frivilligt)</span></label>
      ${d.hintHtml}${d.errorHtml}
      <textarea id="${d.id}" name="${field}" rows="4" class="w-full" maxlength="${max}" ${d.attrs}>
${f.value(field)}</textarea>
    </div>`;
  };
  const number = (field: string, label: string, hint?: string) =>
    f.textField(field, label, { inputmode: 'numeric', width: 'w-6', hint });

  const deliveryMode = () => {
    const d = f.described('deliveryMode');
    const chosen = f.value('deliveryMode');
    return html`<fieldset
      id="deliveryMode"
      tabindex="-1"
      class="field${d.problem ? ' field--error' : ''}"
      ${d.attrs}
    >
      <legend>Hur genomförs utbildningen?</legend>
      ${d.errorHtml}
      <ul class="checkboxes">
        ${DELIVERY_MODES.map(
          (mode) =>
            html`<li>
              <input
                type="radio"
                id="deliveryMode-${mode}"
                name="deliveryMode"
                value="${mode}"
                ${chosen === mode ? html` checked` : ''}
              />
              <label for="deliveryMode-${mode}">${DELIVERY_MODE_SV[mode]}</label>
            </li>`,
        )}
      </ul>
    </fieldset>`;
  };

  const startWindows = () => {
    const rows = windowCount(values);
    const d = f.described(
      'startWindows',
      'Under vilka perioder kan en grupp starta? Ange första och sista möjliga startdag, till exempel 2027-02-01 och 2027-03-15.',
    );
    return html`<fieldset id="startWindows" tabindex="-1" class="field section" ${d.attrs}>
      <legend><h2>Startperioder</h2></legend>
      ${d.hintHtml}${d.errorHtml}
      ${Array.from(
        { length: rows },
        (_, i) =>
          html`<fieldset class="field">
            <legend>Startperiod ${i + 1}</legend>
            <div class="inline-fields">
              ${f.textField(`startWindows.${i}.from`, 'Första startdag', { type: 'date', width: 'w-11', min: model.today })}
              ${f.textField(`startWindows.${i}.to`, 'Sista startdag', { type: 'date', width: 'w-11', min: model.today })}
              ${f.textField(`startWindows.${i}.groups`, 'Antal grupper', { inputmode: 'numeric', width: 'w-4', hint: 'Så många grupper kan starta i perioden.' })}
            </div>
            ${
              rows > 1
                ? html`<button
                    type="submit"
                    name="ta-bort"
                    value="${i}"
                    class="button--secondary"
                    formnovalidate
                  >
                    Ta bort startperiod ${i + 1}
                  </button>`
                : ''
            }
          </fieldset>`,
      )}
      <button
        type="submit"
        name="atgard"
        value="lagg-till"
        class="button--secondary"
        formnovalidate
      >
        Lägg till startperiod
      </button>
    </fieldset>`;
  };

  const certificate = () =>
    html`<div class="field">
      <div class="checkbox-single">
        <input
          type="checkbox"
          id="certificate"
          name="certificate"
          value="ja"
          ${f.value('certificate') === 'ja' ? html` checked` : ''}
        />
        <label for="certificate">Utbildningen ger ett certifikat eller intyg</label>
      </div>
    </div>`;

  const body = html`${errorSummary(problems, offeringInputId)}
    <p><a href="${offering ? offeringPath(offering.id) : PROVIDER_PATH}">Tillbaka</a></p>
    <h1>${heading}</h1>
    ${
      model.fromDemand
        ? html`<div class="notice" role="status">
            <p>
              Formuläret är ifyllt utifrån efterfrågan. Kontrollera uppgifterna och fyll i resten.
              När utbudet är publicerat kan nästa matchning samla behoven till en grupp.
            </p>
          </div>`
        : ''
    }
    <p>Alla fält måste fyllas i om de inte är märkta frivilliga.</p>
    <form method="post" action="${action}" novalidate>
      <input type="hidden" name="${CSRF_FIELD}" value="${model.viewer.csrfToken}" />
      ${model.formToken ? formTokenInput(model.formToken) : ''}
      <!-- Enter in a field presses the first submit button: saving, not adding or removing rows. -->
      <button type="submit" name="atgard" value="spara" hidden>Spara</button>
      <fieldset class="section">
        <legend><h2>Utbildningen</h2></legend>
        ${f.textField('title', 'Utbildningens namn', { hint: 'Till exempel ”Truckkort A+B, kvällskurs”.', maxlength: 200 })}
        ${f.competencePicker(reference.competences, {
          legend: 'Kompetenser som utbildningen ger',
          hint: 'Välj minst en. Öppna ett område för att se dess kompetenser.',
        })}
        ${textArea('description', 'Beskrivning', 'Vad lär sig deltagarna? Hur går utbildningen till?', 4000)}
        ${textArea('prerequisites', 'Förkunskaper', 'Vad behöver deltagarna kunna innan de börjar?', 2000)}
        ${certificate()}
        ${f.simpleSelect(
          'language',
          'Språk',
          NEED_LANGUAGES.map((l) => ({ value: l, label: labelSv(LANGUAGE_SV, l, 'Annat språk') })),
        )}
      </fieldset>
      <fieldset class="section">
        <legend><h2>Plats och genomförande</h2></legend>
        ${deliveryMode()}
        ${f.municipalitySelect('venueMunicipalityCode', 'Kommun där utbildningen hålls', reference.municipalities)}
        ${f.textField('venueAddress', 'Adress', { hint: 'Gatuadress och ort, till exempel Kristinavägen 4, Lindesberg.', maxlength: 300, required: false })}
      </fieldset>
      <fieldset class="section">
        <legend><h2>Gruppstorlek, längd och pris</h2></legend>
        ${number('minParticipants', 'Minsta antal deltagare', 'Så många behövs för att utbildningen ska bli av.')}
        ${number('maxParticipants', 'Största antal deltagare')}
        ${number('durationDays', 'Antal dagar', 'Från första till sista kursdagen.')}
        ${number('costFixedSek', 'Fast kostnad per grupp (kronor)', 'Till exempel lärare och lokal. Skriv 0 om det inte finns någon.')}
        ${number('costPerParticipantSek', 'Kostnad per deltagare (kronor)', 'Till exempel material och prov. Skriv 0 om det inte finns någon.')}
      </fieldset>
      ${startWindows()}
      <fieldset class="section">
        <legend><h2>Kontakt</h2></legend>
        <p class="hint">
          Kontaktpersonen får e-post när ett förslag på utbudet godkänns och när en insats ändras.
        </p>
        ${f.textField('contact.name', 'Kontaktperson', { autocomplete: 'name', maxlength: 200, required: false })}
        ${f.textField('contact.email', 'E-post', { type: 'email', autocomplete: 'email', maxlength: 254, required: false })}
        ${f.textField('contact.phone', 'Telefon', { type: 'tel', autocomplete: 'tel', width: 'w-11', required: false })}
        ${f.textField('url', 'Webbsida om utbildningen', { type: 'url', maxlength: 500, required: false })}
      </fieldset>
      <button type="submit" name="atgard" value="spara" class="button">
        ${offering ? 'Spara ändringarna' : 'Publicera utbudet'}
      </button>
    </form>`;
  return staffLayout(
    {
      title: problems.length ? `Fel: ${heading}` : heading,
      scripts: ['competence-search.js'],
      current: PROVIDER_PATH,
    },
    model.viewer,
    body,
  );
}

/** Withdraw with confirmation (GET /utbud/{id}/ta-bort). */
export function renderWithdrawConfirmation(
  viewer: StaffViewer,
  offering: OfferingView,
  use: { openProposals: number; liveInitiatives: number },
): string {
  const consequences: SafeHtml[] = [];
  if (use.openProposals > 0) {
    consequences.push(
      html`<li>Förslagen som bygger på utbudet tas bort, och behoven matchas på nytt.</li>`,
    );
  }
  if (use.liveInitiatives > 0) {
    consequences.push(
      html`<li>
        Planerade insatser finns kvar, men mäklaren och arbetsgivarna får veta att utbudet är
        tillbakadraget.
      </li>`,
    );
  }
  const body = html`<h1>Vill du dra tillbaka ${offering.title}?</h1>
    <p>Utbudet syns inte längre och används inte i nya förslag.</p>
    ${
      consequences.length
        ? html`<ul>
            ${consequences}
          </ul>`
        : ''
    }
    <form method="post" action="${offeringPath(offering.id)}/ta-bort">
      <input type="hidden" name="${CSRF_FIELD}" value="${viewer.csrfToken}" />
      <button type="submit" class="button--warning">Ja, dra tillbaka utbudet</button>
    </form>
    <p><a href="${offeringPath(offering.id)}">Nej, gå tillbaka</a></p>`;
  return staffLayout(
    { title: `Dra tillbaka ${offering.title}`, current: PROVIDER_PATH },
    viewer,
    body,
  );
}
