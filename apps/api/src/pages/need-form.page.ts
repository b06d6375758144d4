import {
  NEED_AGE_BANDS,
  NEED_DELIVERY_MODES,
  NEED_EDUCATION_LEVELS,
  NEED_LANGUAGES,
} from '@km/needs';
import { AGE_BAND_SV, EDUCATION_LEVEL_SV } from '@km/project-drafts';
import { FormProblem, NeedFormValues } from './need-form.mapper';
import { errorSummary, html, join, layout, SafeHtml } from './html';
import { DELIVERY_MODE_SV, LANGUAGE_SV } from './swedish-text';

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
}

/** The input (or group) a field's problem links to. */
export function inputId(field: string): string {
  if (field === 'participants') return 'participants-women';
  return field.replace(/\./g, '-');
}

/** The form for a new need (GET /behov/ny, and again with errors after POST /behov). */
export function renderNeedForm(model: NeedFormModel): string {
  const { values, problems, reference } = model;
  const problemOf = (field: string) => problems.find((p) => p.field === field);
  const value = (name: string) => {
    const v = values[name];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  };
  const list = (name: string) => {
    const v = values[name];
    return Array.isArray(v) ? v : v ? [v] : [];
  };

  /** Hint and error ids for aria-describedby, and the error paragraph. */
  const described = (field: string, hint?: string) => {
    const id = inputId(field);
    const problem = problemOf(field);
    const ids = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean);
    return {
      id,
      problem,
      attrs: new SafeHtml(
        (ids.length ? ` aria-describedby="${ids.join(' ')}"` : '') +
          (problem ? ' aria-invalid="true"' : ''),
      ),
      hintHtml: hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : html``,
      errorHtml: problem
        ? html`<p class="field-error" id="${id}-error">
            <span class="visually-hidden">Fel: </span>${problem.message}
          </p>`
        : html``,
    };
  };

  const textField = (
    field: string,
    label: string,
    options: {
      hint?: string;
      type?: string;
      inputmode?: string;
      autocomplete?: string;
      width?: string;
      required?: boolean;
      min?: string;
      maxlength?: number;
    } = {},
  ) => {
    const d = described(field, options.hint);
    return html`<div class="field${d.problem ? ' field--error' : ''}">
      <label for="${d.id}"
        >${label}${options.required === false ? html` <span class="optional">(frivilligt)</span>` : ''}</label
      >
      ${d.hintHtml}${d.errorHtml}
      <input
        id="${d.id}"
        name="${field}"
        type="${options.type ?? 'text'}"
        value="${value(field)}"
        class="${options.width ?? 'w-full'}"
        ${options.inputmode ? html` inputmode="${options.inputmode}"` : ''}${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${options.min ? html` min="${options.min}"` : ''}${options.maxlength ? html` maxlength="${options.maxlength}"` : ''}${d.attrs}${options.required === false ? '' : html` required`}
      />
    </div>`;
  };

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

  const simpleSelect = (
    field: string,
    label: string,
    options: { value: string; label: string }[],
    placeholder?: string,
    optional?: { hint: string },
  ) => {
    const d = described(field, optional?.hint);
    const selected = value(field);
    return html`<div class="field${d.problem ? ' field--error' : ''}">
      <label for="${d.id}"
        >${label}${optional ? html` <span class="optional">(frivilligt)</span>` : ''}</label
      >
      ${d.hintHtml}${d.errorHtml}
      <select id="${d.id}" name="${field}" ${optional ? '' : html` required`}${d.attrs}>
        ${placeholder ? html`<option value="">${placeholder}</option>` : ''}
        ${options.map((o) => html`<option value="${o.value}" ${o.value === selected ? html` selected` : ''}>${o.label}</option>`)}
      </select>
    </div>`;
  };

  const competencePicker = () => {
    const d = described(
      'competenceIds',
      'Välj det som behövs, högst tio. Öppna ett område för att se dess kompetenser.',
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
            ${area.label} <span class="count" data-count>${count ? `(${count} valda)` : ''}</span>
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
    </fieldset>`;
  };

  const deliveryModes = () => {
    const d = described('deliveryModes', 'Välj alla sätt som fungerar för er.');
    const chosen = new Set(list('deliveryModes'));
    return html`<fieldset
      id="deliveryModes"
      tabindex="-1"
      class="field${d.problem ? ' field--error' : ''}"
      ${d.attrs}
    >
      <legend>Hur kan utbildningen genomföras?</legend>
      ${d.hintHtml}${d.errorHtml}
      <ul class="checkboxes">
        ${NEED_DELIVERY_MODES.map(
          (mode) =>
            html`<li>
              <input
                type="checkbox"
                id="deliveryModes-${mode}"
                name="deliveryModes"
                value="${mode}"
                ${chosen.has(mode) ? html` checked` : ''}
              />
              <label for="deliveryModes-${mode}">${DELIVERY_MODE_SV[mode]}</label>
            </li>`,
        )}
      </ul>
    </fieldset>`;
  };

  const participants = () => {
    const split = described('participants');
    return html`<fieldset class="field${split.problem ? ' field--error' : ''}">
      <legend>Antal deltagare</legend>
      <p class="hint" id="participants-hint">
        Uppdelningen på kvinnor och män används för jämställdhetsuppföljning. Lämna 0 om ni inte
        vet.
      </p>
      ${split.errorHtml}
      <div class="inline-fields">
        ${textField('participants.total', 'Totalt', { inputmode: 'numeric', width: 'w-4' })}
        ${textField('participants.women', 'Varav kvinnor', { inputmode: 'numeric', width: 'w-4', required: false })}
        ${textField('participants.men', 'Varav män', { inputmode: 'numeric', width: 'w-4', required: false })}
      </div>
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
        ${textField('contact.name', 'Namn', { autocomplete: 'name', maxlength: 200 })}
        ${textField('contact.email', 'E-post', { type: 'email', autocomplete: 'email', maxlength: 254 })}
        ${textField('contact.phone', 'Telefon', { type: 'tel', autocomplete: 'tel', width: 'w-11', required: false })}
      </fieldset>

      <fieldset class="section">
        <legend><h2>Behovet</h2></legend>
        ${textField('title', 'Rubrik', { hint: 'Kort, till exempel ”Truckkort för lagerpersonal”.', maxlength: 200 })}
        ${(() => {
          const d = described(
            'description',
            'Vad ska deltagarna kunna efteråt? Finns det krav på certifikat?',
          );
          return html`<div class="field${d.problem ? ' field--error' : ''}">
            <label for="${d.id}">Beskrivning <span class="optional">(frivilligt)</span></label>
            ${d.hintHtml}${d.errorHtml}
            <textarea id="${d.id}" name="description" rows="5" maxlength="4000" ${d.attrs}>
${value('description')}</textarea>
          </div>`;
        })()}
        ${competencePicker()} ${participants()}
        <div class="inline-fields">
          ${textField('earliestStart', 'Tidigaste start', { type: 'date', width: 'w-11', min: model.today, hint: 'ÅÅÅÅ-MM-DD' })}
          ${textField('latestEnd', 'Senaste slut', { type: 'date', width: 'w-11', min: model.today, hint: 'ÅÅÅÅ-MM-DD, högst två år fram' })}
        </div>
        ${deliveryModes()}
        ${textField('maxTravelKm', 'Hur långt kan deltagarna resa? (km)', { hint: 'Enkel väg i kilometer. Ange 0 om utbildningen måste ske på arbetsplatsen eller på distans.', inputmode: 'numeric', width: 'w-6' })}
        ${textField('maxCostPerParticipantSek', 'Högsta kostnad per deltagare (kronor)', { hint: 'Lämna tomt om ni inte vet. Gemensamma utbildningar blir ofta billigare per deltagare.', inputmode: 'numeric', width: 'w-8', required: false })}
        ${simpleSelect(
          'language',
          'Språk för utbildningen',
          NEED_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_SV[l] ?? l })),
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
