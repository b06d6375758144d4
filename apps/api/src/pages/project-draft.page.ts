import {
  AGE_BAND_SV,
  Criterion,
  CRITERION_SV,
  draftTitle,
  EDUCATION_LEVEL_SV,
  formatInteger,
  formatKronor,
  formatShare,
  ITEM_KIND_SV,
  ITEM_STATUS_SV,
  ProjectDraftView,
  statusText,
} from '@km/project-drafts';
import { html, layout, SafeHtml } from './html';
import { swedishDate } from './swedish-text';

const kr = (n: number | null) => (n === null ? '–' : formatKronor(n));

/** A table with a caption; wide tables scroll inside a focusable region on small screens. */
function table(
  id: string,
  caption: string,
  head: string[],
  rows: (string | number)[][],
  numeric: number[] = [],
): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-labelledby="${id}" tabindex="0">
    <table class="data-table">
      <caption id="${id}">
        ${caption}
      </caption>
      <thead>
        <tr>
          ${head.map((h, i) => html`<th scope="col" ${numeric.includes(i) ? new SafeHtml(' class="num"') : ''}>${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ([first, ...rest]) =>
            html`<tr>
              <th scope="row">${first}</th>
              ${rest.map((cell, i) => html`<td${numeric.includes(i + 1) ? new SafeHtml(' class="num"') : ''}>${cell}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function criterionItem(c: Criterion): SafeHtml {
  const verdict = c.met ? 'Uppfyllt' : c.hard ? 'Inte uppfyllt' : 'Inte uppfyllt (redovisas)';
  return html`<li class="${c.met ? 'criterion criterion--met' : 'criterion criterion--unmet'}">
    <strong>${CRITERION_SV[c.name]}: ${verdict}.</strong> ${c.text}
    ${c.missing ? html`<br /><span class="criterion-missing">${c.missing}</span>` : ''}
  </li>`;
}

function criteriaSection(d: ProjectDraftView): SafeHtml {
  const unmetHard = d.criteria.filter((c) => c.hard && !c.met);
  const heading =
    d.items.length === 0
      ? 'Utkastet är tomt just nu'
      : d.eligible
        ? 'Utkastet uppfyller utlysningens villkor'
        : `${unmetHard.length === 1 ? 'Ett villkor' : `${unmetHard.length} villkor`} är inte uppfyllda`;
  return html`<section
    class="notice${d.eligible && d.items.length > 0 ? '' : ' notice--warning'}"
    aria-labelledby="criteria-heading"
  >
    <h2 id="criteria-heading">${heading}</h2>
    <ul class="criteria">
      ${d.criteria.map(criterionItem)}
    </ul>
  </section>`;
}

/**
 * The body of a project draft page (living draft or approved version): what the call requires
 * and what is missing, key figures, budget split, participants, employers, the initiatives and
 * proposals in it, and the horizontal criteria as text to paste. Pure: view in, HTML out.
 */
export function renderProjectDraftBody(d: ProjectDraftView): SafeHtml {
  const approved = d.status === 'approved';
  return html`<h1>${draftTitle(d)}</h1>
    <p class="lead">
      <span class="status">${statusText(d)}</span>
      ${
        approved && d.approvedAt
          ? html` godkänd ${swedishDate(new Date(d.approvedAt))}. Versionen ändras inte när utkastet
            räknas om.`
          : html` Utkastet räknas om vid varje matchning i länet. Uppgifterna gäller
            ${swedishDate(new Date(d.computedAt))}.`
      }
    </p>
    ${criteriaSection(d)}

    <h2>Nyckeltal</h2>
    <dl class="key-figures">
      <div>
        <dt>Arbetsgivare</dt>
        <dd>${formatInteger(d.employers.length)}</dd>
      </div>
      <div>
        <dt>Kommuner</dt>
        <dd>${formatInteger(d.municipalities.length)}</dd>
      </div>
      <div>
        <dt>Deltagare</dt>
        <dd>${formatInteger(d.participants.total)}</dd>
      </div>
      <div>
        <dt>Budget</dt>
        <dd>${kr(d.budget.totalSek)}</dd>
      </div>
      <div>
        <dt>Kostnad per deltagare</dt>
        <dd>${kr(d.budget.costPerParticipantSek)}</dd>
      </div>
    </dl>

    <h2>Budget</h2>
    ${table(
      'budget-caption',
      'Budgeten fördelad på ESF+ och nationell medfinansiering',
      ['Post', 'Belopp'],
      [
        ['ESF+-andel', kr(d.budget.esfSek)],
        [
          `Nationell medfinansiering (${formatShare(d.budget.nationalShare)})`,
          kr(d.budget.nationalSek),
        ],
        ['Total budget', kr(d.budget.totalSek)],
      ],
      [1],
    )}

    <h2>Deltagare</h2>
    ${table(
      'gender-caption',
      'Deltagare efter kön',
      ['Kön', 'Deltagare'],
      [
        ['Kvinnor', formatInteger(d.participants.women)],
        ['Män', formatInteger(d.participants.men)],
        ...(d.participants.notStated > 0
          ? [['Kön inte angivet', formatInteger(d.participants.notStated)]]
          : []),
      ],
      [1],
    )}
    ${
      d.ageBands.length
        ? table(
            'age-caption',
            'Deltagare efter ålder, enligt arbetsgivarnas uppgifter',
            ['Åldersgrupp', 'Deltagare'],
            d.ageBands.map((a) => [
              a.band ? AGE_BAND_SV[a.band] : 'Ålder inte angiven',
              formatInteger(a.participants),
            ]),
            [1],
          )
        : ''
    }
    ${
      d.educationLevels.length
        ? table(
            'education-caption',
            'Deltagare efter utbildningsnivå, enligt arbetsgivarnas uppgifter',
            ['Utbildningsnivå', 'Deltagare'],
            d.educationLevels.map((e) => [
              e.level ? EDUCATION_LEVEL_SV[e.level] : 'Utbildningsnivå inte angiven',
              formatInteger(e.participants),
            ]),
            [1],
          )
        : ''
    }

    <h2>Arbetsgivare</h2>
    <p>
      ${formatInteger(d.smeEmployers)} av ${formatInteger(d.employers.length)} arbetsgivare är små
      eller medelstora företag (färre än 250 anställda).
    </p>
    ${
      d.employers.length
        ? table(
            'employers-caption',
            'Deltagande arbetsgivare',
            ['Arbetsgivare', 'Kommun', 'Litet eller medelstort', 'Deltagare'],
            d.employers.map((e) => [
              e.name,
              e.municipalityName,
              e.sme ? 'Ja' : 'Nej',
              formatInteger(e.participants),
            ]),
            [3],
          )
        : html`<p>Inga arbetsgivare ännu.</p>`
    }

    <h2>Utbildningsinsatser</h2>
    ${
      d.items.length
        ? table(
            'items-caption',
            'Godkända utbildningsinsatser och förslag i utkastet',
            ['Utbildning', 'Typ', 'Status', 'Ort', 'Start', 'Arbetsgivare', 'Deltagare', 'Kostnad'],
            d.items.map((i) => [
              i.title,
              ITEM_KIND_SV[i.kind],
              ITEM_STATUS_SV[i.status] ?? 'Okänd',
              i.venueMunicipalityName,
              i.startDate ? swedishDate(i.startDate) : 'Inte bestämd',
              i.employers.map((e) => e.name).join(', '),
              `${formatInteger(i.participants.total)} (${formatInteger(i.participants.women)} kvinnor, ${formatInteger(i.participants.men)} män)`,
              kr(i.totalCostSek),
            ]),
            [6, 7],
          )
        : html`<p>Inga godkända insatser eller öppna förslag just nu.</p>`
    }

    <h2>Horisontella kriterier</h2>
    <p>Texterna kan klistras in i ansökan och kompletteras.</p>
    <h3>Jämställdhet</h3>
    <p class="paste-text">${d.horizontalCriteria.jamstalldhet}</p>
    <h3>Tillgänglighet</h3>
    <p class="paste-text">${d.horizontalCriteria.tillganglighet}</p>

    ${
      d.versions.length
        ? html`<h2>Godkända versioner</h2>
            <ul>
              ${d.versions.map(
                (v) =>
                  html`<li>
                    Version ${v.version}, godkänd ${swedishDate(new Date(v.approvedAt))}
                  </li>`,
              )}
            </ul>`
        : ''
    }
    <p class="small-print">
      Utkastet är mäklarens arbetsdokument: det namnger arbetsgivarna och visar faktiska antal.
      Offentlig statistik och regionala exporter döljer i stället antal från färre än tre
      arbetsgivare.
    </p>`;
}

/** The printable page of a draft: the same body in the site layout, styled for paper. */
export function renderProjectDraftPrint(d: ProjectDraftView): string {
  return layout(
    { title: `ESF-projektutkast: ${draftTitle(d)}`, wide: true },
    html`<p class="no-print">
        Utskriftsvänlig sida. Skriv ut eller spara som PDF med webbläsarens utskriftsfunktion.
      </p>
      ${renderProjectDraftBody(d)}`,
  );
}
