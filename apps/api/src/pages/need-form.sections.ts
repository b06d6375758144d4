import { formFields } from './form-fields';
import { html, SafeHtml } from './html';

/** The reference data the need form offers to choose from. */
export interface NeedFormReference {
  municipalities: { code: string; name: string; countyCode: string; countyName: string }[];
  sniSections: { code: string; label: string }[];
  competences: { id: string; label: string; area: string; areaLabel: string }[];
}

/** The need form's fields bound to the posted values and problems (see formFields). */
export type NeedFormFields = ReturnType<typeof formFields>;

/** The workplace's municipality: one select, grouped by county, both in Swedish order. */
export function municipalitySelect(
  { value, described }: NeedFormFields,
  municipalities: NeedFormReference['municipalities'],
): SafeHtml {
  const d = described('employer.municipalityCode');
  const counties = new Map<string, { name: string; items: { code: string; name: string }[] }>();
  for (const m of municipalities) {
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
}

/**
 * The competences, one folded group per area (open when something in it is chosen), and the
 * free-text "other competence"; competence-search.js adds a search box in the slot.
 */
export function competencePicker(
  { list, described, textField }: NeedFormFields,
  competences: NeedFormReference['competences'],
): SafeHtml {
  const d = described(
    'competenceIds',
    'Välj det som behövs, högst tio. Öppna ett område för att se dess kompetenser. Finns det ' +
      'inte i listan kan ni beskriva det under Annan kompetens.',
  );
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
}

/** The consent to storing the contact details, a single checkbox. */
export function consentField({ value, described }: NeedFormFields): SafeHtml {
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
        >Jag godkänner att kontaktuppgifterna sparas och används för att kontakta oss om behovet. De
        raderas när behovet återkallas och senast efter två år.</label
      >
    </div>
  </div>`;
}
