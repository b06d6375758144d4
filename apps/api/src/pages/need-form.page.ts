import { NEED_AGE_BANDS, NEED_EDUCATION_LEVELS, NEED_LANGUAGES } from '@km/needs';
import { AGE_BAND_SV, EDUCATION_LEVEL_SV } from '@km/project-drafts';
import { FormProblem, NeedFormValues } from './need-form.mapper';
import { formFields, inputId } from './form-fields';
import { errorSummary, html, join, layout } from './html';
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
    list,
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
  } = formFields(values, problems);

  const municipalitySelect = () => {
    const d = described('employer.municipalityCode');
    const counties = new Map<string, { name: string; items: { code: string; name: string }[] }>();
    for (const m of reference.municipalities) {
      const county = counties.get(m.countyCode) ?? { name: m.countyName, items: [] };
      county.items.push({ code: m.code, name: m.name });
      counties.set(m.countyCode, county);
    }
    const selected = value('employer.municipalityCode');
    const groups = [...counties.values()]
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
      .map(
        (c) =>
          html`<optgroup label="${c.name}">
            ${c.items
              .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
              .map(
                (m) =>
                  html`<option value="${m.code}" ${m.code === selected ? html` selected` : ''}>
                    ${m.name}
                  </option>`,
              )}
          </optgroup>`,
      );
    return html`<div class="field${d.problem ? ' field--error' : ''}">
      <label for="${d.id}">Kommun där arbetsplatsen ligger</label>
      ${d.errorHtml}
      <select id="${d.id}" name="employer.municipalityCode" required${d.attrs}>
        <option value="">Välj kommun</option>
        ${groups}
      </select>
    </div>`;
  };

  const competencePicker = () => {
    const d = described(
      'competenceIds',
      'Välj det som behövs, högst tio. Öppna ett område för att se dess kompetenser. Finns det ' +
        'inte i listan kan ni beskriva det under Annan kompetens.',
    );
    const chosen = new Set(list('competenceIds'));
    const areas = new Map<string, { label: string; items: { id: string; label: string }[] }>();
    for (const c of reference.competences) {
      const area = areas.get(c.area) ?? { label: c.areaLabel, items: [] };
      area.items.push({ id: c.id, label: c.label });
      areas.set(c.area, area);
    }
    const groups = [...areas.entries()]
      .sort(([, a], [, b]) => a.label.localeCompare(b.label, 'sv'))
      .map(([areaId, area]) => {
        const count = area.items.filter((i) => chosen.has(i.id)).length;
        return html`<details
          class="competence-area"
          data-area="${areaId}"
          ${count ? html` open` : ''}
        >
          <summary>
            ${area.label}
            <span class="count" data-count
              >${count ? `(${count} ${count === 1 ? 'vald' : 'valda'})` : ''}</span
            >
          </summary>
          <ul class="checkboxes">
            ${area.items
              .sort((a, b) => a.label.localeCompare(b.label, 'sv'))
              .map(
                (c) =>
                  html`<li>
                    <input
                      type="checkbox"
                      id="competence-${c.id}"
                      name="competenceIds"
                      value="${c.id}"
                      ${chosen.has(c.id) ? html` checked` : ''}
                    />
                    <label for="competence-${c.id}">${c.label}</label>
                  </li>`,
              )}
          </ul>
        </details>`;
      });
    return html`<fieldset
      id="competenceIds"
      tabindex="-1"
      class="field${d.problem ? ' field--error' : ''}"
      data-competence-picker${d.attrs}
    >
      <legend>Kompetenser</legend>
      ${d.hintHtml}${d.errorHtml}
      <div data-competence-search-slot></div>
      ${groups}
      ${textField('otherCompetence', 'Annan kompetens', {
        hint: 'Finns inte det ni behöver i listan? Beskriv det med egna ord.',
        maxlength: 200,
        required: false,
      })}
    </fieldset>`;
  };

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
      <input type="hidden" name="formToken" value="${model.formToken}" />
      <fieldset class="section">
        <legend><h2>Arbetsgivare</h2></legend>
        ${textField('employer.orgNumber', 'Organisationsnummer', { hint: 'Tio siffror, till exempel 556036-0793.', inputmode: 'numeric', width: 'w-11', autocomplete: 'off' })}
        ${textField('employer.name', 'Organisationens namn', { autocomplete: 'organization', maxlength: 200 })}
        ${municipalitySelect()}
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
        ${descriptionField()} ${competencePicker()} ${participants()} ${timeWindow(model.today)}
        ${deliveryModes()} ${travelField()} ${costField()}
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
