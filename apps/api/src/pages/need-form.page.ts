import { NEED_AGE_BANDS, NEED_EDUCATION_LEVELS, NEED_LANGUAGES } from '@km/needs';
import { AGE_BAND_SV, EDUCATION_LEVEL_SV } from '@km/project-drafts';
import { FormProblem, NeedFormValues } from './need-form.mapper';
import { formFields, inputId } from './form-fields';
import { errorSummary, html, join, layout } from './html';
import { formTokenInput } from './form-token';
import { LANGUAGE_SV, labelSv } from '@km/labels';

export interface NeedFormReference {
  municipalities: { code: string; name: string; countyCode: string; countyName: string }[];
  sniSections: { code: string; label: string }[];
  competences: { id: string; label: string; area: string; areaLabel: string }[];
}

export interface NeedFormModel {
  reference: NeedFormReference;
  values: NeedFormValues;
  problems: FormProblem[];
  /** YYYY-MM-DD, the earliest allowed start. */
  today: string;
  /** Identifies this copy of the form, so sending it twice stores one need. */
  formToken: string;
}

/** The form for a new need (GET /behov/ny, and again with errors after POST /behov). */
export function renderNeedForm(model: NeedFormModel): string {
  const { values, problems, reference } = model;
  const {
    value,
    described,
    textField,
    simpleSelect,
    deliveryModes,
    participants,
    descriptionField,
    timeWindow,
    travelField,
    costField,
    contactFields,
    municipalitySelect,
    competencePicker,
  } = formFields(values, problems);

  const consent = () => {
    const d = described('consent');
    return html`<div class="field${d.problem ? ' field--error' : ''}">
      ${d.errorHtml}
      <div class="checkbox-single">
        <input
          type="checkbox"
          id="consent"
          name="consent"
          value="ja"
          ${value('consent') === 'ja' ? html` checked` : ''}
          required${d.attrs}
        />
        <label for="consent"
          >Jag godkänner att kontaktuppgifterna sparas och används för att kontakta oss om behovet.
          De raderas när behovet återkallas och senast efter två år.</label
        >
      </div>
    </div>`;
  };

  const summary = errorSummary(problems, inputId);

  const body = html`${summary}
    <h1>Anmäl ett kompetensbehov</h1>
    <p class="lead">
      Berätta vad era anställda behöver lära sig. Vi samlar behov från flera arbetsgivare i regionen
      så att lärcentrum kan ordna gemensamma utbildningar. Ni behöver inget konto: efteråt får ni en
      länk där ni följer behovet.
    </p>
    <p>Alla fält måste fyllas i om de inte är märkta frivilliga.</p>
    <form method="post" action="/behov" novalidate>
      ${formTokenInput(model.formToken)}
      <fieldset class="section">
        <legend><h2>Arbetsgivare</h2></legend>
        ${textField('employer.orgNumber', 'Organisationsnummer', { hint: 'Tio siffror, till exempel 556036-0793.', inputmode: 'numeric', width: 'w-11', autocomplete: 'off' })}
        ${textField('employer.name', 'Organisationens namn', { autocomplete: 'organization', maxlength: 200 })}
        ${municipalitySelect('employer.municipalityCode', 'Kommun där arbetsplatsen ligger', reference.municipalities)}
        ${simpleSelect(
          'employer.sniSection',
          'Bransch (SNI-avdelning)',
          reference.sniSections.map((s) => ({ value: s.code, label: `${s.code} – ${s.label}` })),
          'Välj bransch',
        )}
        ${textField('employer.employees', 'Antal anställda', { inputmode: 'numeric', width: 'w-6' })}
      </fieldset>

      <fieldset class="section">
        <legend><h2>Kontaktperson</h2></legend>
        ${contactFields()}
      </fieldset>

      <fieldset class="section">
        <legend><h2>Behovet</h2></legend>
        ${textField('title', 'Rubrik', { hint: 'Kort, till exempel ”Truckkort för lagerpersonal”.', maxlength: 200 })}
        ${descriptionField()}
        ${competencePicker(reference.competences, {
          hint:
            'Välj det som behövs, högst tio. Öppna ett område för att se dess kompetenser. Finns det ' +
            'inte i listan kan ni beskriva det under Annan kompetens.',
          extra: textField('otherCompetence', 'Annan kompetens', {
            hint: 'Finns inte det ni behöver i listan? Beskriv det med egna ord.',
            maxlength: 200,
            required: false,
          }),
        })}
        ${participants()} ${timeWindow(model.today)} ${deliveryModes()} ${travelField()}
        ${costField()}
        ${simpleSelect(
          'language',
          'Språk för utbildningen',
          NEED_LANGUAGES.map((l) => ({ value: l, label: labelSv(LANGUAGE_SV, l, 'Annat språk') })),
        )}
        ${simpleSelect(
          'ageBand',
          'Deltagarnas ålder',
          NEED_AGE_BANDS.map((a) => ({ value: a, label: AGE_BAND_SV[a] })),
          'Vet inte eller vill inte ange',
          {
            hint: 'Den åldersgrupp som de flesta deltagarna tillhör. Används i ESF-projektens redovisning.',
          },
        )}
        ${simpleSelect(
          'educationLevel',
          'Deltagarnas utbildningsnivå',
          NEED_EDUCATION_LEVELS.map((l) => ({ value: l, label: EDUCATION_LEVEL_SV[l] })),
          'Vet inte eller vill inte ange',
          { hint: 'Den högsta avslutade utbildning som de flesta deltagarna har.' },
        )}
      </fieldset>

      <fieldset class="section">
        <legend><h2>Samtycke</h2></legend>
        ${consent()}
      </fieldset>

      <button type="submit" class="button">Skicka behovet</button>
    </form>`;

  return layout(
    {
      title: problems.length ? 'Fel: Anmäl ett kompetensbehov' : 'Anmäl ett kompetensbehov',
      scripts: ['competence-search.js'],
    },
    join([body]),
  );
}
