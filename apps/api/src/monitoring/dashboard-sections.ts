import { MonitoringSummary } from '@km/monitoring';
import { html, SafeHtml } from '../pages/html';
import { DashboardChart, formatFigure } from './dashboard-charts';

/** JSON for a <script type="application/json"> block: nothing in it can end the element. */
export function scriptJson(value: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}

/** The key figures of the period as a list of labelled numbers. */
export function keyFigures(s: MonitoringSummary): SafeHtml {
  const { count, share, days } = formatFigure;
  const figures: [string, string][] = [
    ['Mottagna behov', count(s.needs)],
    ['Efterfrågade deltagare', count(s.participantsRequested)],
    ['Arbetsgivare med behov', count(s.employers)],
    ['Matchade behov', count(s.matchedNeeds)],
    ['Matchade i förhållande till mottagna', share(s.matchRate)],
    ['Mediantid till matchning', days(s.medianDaysToMatch)],
    ['Gemensamma insatser', count(s.initiatives)],
    ['Arbetsgivare per insats', count(s.employersPerInitiative)],
    ['Andel små och medelstora arbetsgivare', share(s.smeShare)],
    ['ESF-projektutkast', count(s.projectDrafts)],
  ];
  return html`<section aria-labelledby="key-figures-title">
    <h2 id="key-figures-title">Nyckeltal</h2>
    <dl class="key-figures">
      ${figures.map(
        ([label, value]) =>
          html`<div>
            <dt>${label}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
    </dl>
    <p class="hint">
      <strong>&lt;3</strong> betyder att uppgiften bygger på, eller skulle avslöja, uppgifter om
      färre än tre arbetsgivare och därför inte visas. Läs mer under Om siffrorna.
    </p>
  </section>`;
}

/** Horizontal bars with many or long names get more height, so no name is cut off. */
const tall = (chart: DashboardChart) =>
  Boolean(chart.chart.horizontal) &&
  (chart.chart.labels.length > 5 || chart.chart.labels.some((l) => l.length > 30));

/** One chart with its words above and its table (the text alternative) below. */
export function chartSection(chart: DashboardChart): SafeHtml {
  const titleId = `chart-${chart.id}-title`;
  const tableId = `chart-${chart.id}-table`;
  return html`<section class="chart-card" aria-labelledby="${titleId}">
    <h2 id="${titleId}">${chart.title}</h2>
    <p>${chart.text}</p>
    ${
      chart.hasData
        ? html`<div class="${tall(chart) ? 'chart-box chart-box--tall' : 'chart-box'}">
            <canvas
              id="chart-${chart.id}"
              data-chart="${chart.id}"
              role="img"
              aria-label="Diagram: ${chart.title}. Samma uppgifter finns i tabellen under diagrammet."
              aria-describedby="${tableId}"
              >Diagram: ${chart.title}. Se tabellen under.</canvas
            >
          </div>`
        : html`<p class="no-data">Det finns inga uppgifter att visa i diagrammet för urvalet.</p>`
    }
    ${
      chart.table.rows.length
        ? html`<div
            class="table-scroll"
            tabindex="0"
            role="region"
            aria-label="Tabell: ${chart.title}"
          >
            <table id="${tableId}">
              <caption class="visually-hidden">
                ${chart.title}
              </caption>
              <thead>
                <tr>
                  ${chart.table.head.map((h) => html`<th scope="col">${h}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${chart.table.rows.map(
                  ([first, ...rest]) =>
                    html`<tr>
                      <th scope="row">${first}</th>
                      ${rest.map((cell) => html`<td>${cell}</td>`)}
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p class="no-data">Inga rader.</p>`
    }
  </section>`;
}
