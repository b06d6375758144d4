import { NEED_DELIVERY_MODES } from '@km/needs';
import { FormProblem, NeedFormValues } from './need-form.mapper';
import { html, SafeHtml } from './html';
import { DELIVERY_MODE_SV } from './swedish-text';

/** The input (or group) a field's problem links to. */
export function inputId(field: string): string {
  if (field === 'participants') return 'participants-women';
  return field.replace(/\./g, '-');
}

/**
 * The GOV.UK-style fields of the need form (label, hint, error, aria wiring), bound to the posted
 * values and problems; the new-need form and the edit form build on the same ones.
 */
export function formFields(values: NeedFormValues, problems: FormProblem[]) {
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
        Uppdelningen på kvinnor och män används för jämställdhetsuppföljning. Lämna fälten tomma om
        ni inte vet.
      </p>
      ${split.errorHtml}
      <div class="inline-fields">
        ${textField('participants.total', 'Totalt', { inputmode: 'numeric', width: 'w-4' })}
        ${textField('participants.women', 'Varav kvinnor', { inputmode: 'numeric', width: 'w-4', required: false })}
        ${textField('participants.men', 'Varav män', { inputmode: 'numeric', width: 'w-4', required: false })}
      </div>
    </fieldset>`;
  };

  const descriptionField = () => {
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
  };

  /** The date fields show dates as 2027-02-01 (sv-SE), so the hints give that form. */
  const timeWindow = (today: string) =>
    html`<div class="inline-fields">
      ${textField('earliestStart', 'Tidigaste start', { type: 'date', width: 'w-11', min: today, hint: 'Till exempel 2027-02-01.' })}
      ${textField('latestEnd', 'Senaste slut', { type: 'date', width: 'w-11', min: today, hint: 'Högst två år fram, till exempel 2027-06-30.' })}
    </div>`;

  const travelField = () =>
    textField('maxTravelKm', 'Hur långt kan deltagarna resa? (km)', {
      hint: 'Enkel väg i kilometer. Ange 0 om utbildningen måste ske på arbetsplatsen eller på distans.',
      inputmode: 'numeric',
      width: 'w-6',
    });

  const costField = () =>
    textField('maxCostPerParticipantSek', 'Högsta kostnad per deltagare (kronor)', {
      hint: 'Lämna tomt om ni inte vet. Gemensamma utbildningar blir ofta billigare per deltagare.',
      inputmode: 'numeric',
      width: 'w-8',
      required: false,
    });

  /** `optional`: the edit form, where empty fields keep the contact person as it is. */
  const contactFields = (optional = false) =>
    html`${textField('contact.name', 'Namn', { autocomplete: 'name', maxlength: 200, required: !optional })}
    ${textField('contact.email', 'E-post', { type: 'email', autocomplete: 'email', maxlength: 254, required: !optional })}
    ${textField('contact.phone', 'Telefon', { type: 'tel', autocomplete: 'tel', width: 'w-11', required: false })}`;

  /** A municipality select grouped by county (optgroups), one question. */
  const municipalitySelect = (
    field: string,
    label: string,
    municipalities: { code: string; name: string; countyCode: string; countyName: string }[],
  ) => {
    const d = described(field);
    const counties = new Map<string, { name: string; items: { code: string; name: string }[] }>();
    for (const m of municipalities) {
      const county = counties.get(m.countyCode) ?? { name: m.countyName, items: [] };
      county.items.push({ code: m.code, name: m.name });
      counties.set(m.countyCode, county);
    }
    const selected = value(field);
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
      <label for="${d.id}">${label}</label>
      ${d.errorHtml}
      <select id="${d.id}" name="${field}" required${d.attrs}>
        <option value="">Välj kommun</option>
        ${groups}
      </select>
    </div>`;
  };

  /**
   * The competences as checkboxes in collapsible areas (`competenceIds`), with a search box when
   * JavaScript runs (competence-search.js); `extra` goes last inside the fieldset.
   */
  const competencePicker = (
    competences: { id: string; label: string; area: string; areaLabel: string }[],
    options: { hint: string; legend?: string; extra?: SafeHtml },
  ) => {
    const d = described('competenceIds', options.hint);
    const chosen = new Set(list('competenceIds'));
    const areas = new Map<string, { label: string; items: { id: string; label: string }[] }>();
    for (const c of competences) {
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
      <legend>${options.legend ?? 'Kompetenser'}</legend>
      ${d.hintHtml}${d.errorHtml}
      <div data-competence-search-slot></div>
      ${groups} ${options.extra ?? ''}
    </fieldset>`;
  };

  return {
    value,
    list,
    problemOf,
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
  };
}
