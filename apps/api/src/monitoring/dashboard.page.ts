import { FieldProblem } from '@km/common';
import { MonitoringSummary, TimeseriesTable } from '@km/monitoring';
import { errorSummary, html } from '../pages/html';
import { swedishDate } from '../pages/swedish-text';
import { staffLayout, StaffViewer } from '../staff/staff.page';
import { renderAboutFigures } from './dashboard-about';
import { dashboardCharts } from './dashboard-charts';
import { DASHBOARD_PATH, DashboardFilters, filterId, filtersForm } from './dashboard-filters';
import { chartSection, keyFigures, scriptJson } from './dashboard-sections';

export { DASHBOARD_PATH, DashboardFilters } from './dashboard-filters';

export interface DashboardModel {
  viewer: StaffViewer;
  filters: DashboardFilters;
  counties: { code: string; name: string }[];
  problems: FieldProblem[];
  /** Absent when the filters are wrong: only the form is shown. */
  result?: { summary: MonitoringSummary; series: TimeseriesTable; exportHref: string };
}

export function renderDashboard(model: DashboardModel): string {
  const result = model.result;
  const charts = result ? dashboardCharts(result.summary, result.series) : [];
  const heading = result ? `Uppföljning – ${result.summary.countyName}` : 'Uppföljning';
  const period = result
    ? html`<p class="lead">
        Behov som kom in ${swedishDate(result.series.scope.from)} –
        ${swedishDate(result.series.scope.to)}.
      </p>`
    : '';
  const body = html`${errorSummary(model.problems, filterId)}
    <h1>${heading}</h1>
    ${period} ${filtersForm(model)}
    ${
      result
        ? html`<p>
              <a href="${result.exportHref}" download>Ladda ner uppgifterna som CSV (för Excel)</a>
            </p>
            ${keyFigures(result.summary)}
            <div class="chart-grid">${charts.map(chartSection)}</div>
            ${renderAboutFigures(result.summary, result.series)}
            <script type="application/json" id="dashboard-data">
              ${scriptJson({
                charts: Object.fromEntries(
                  charts.filter((c) => c.hasData).map((c) => [c.id, c.chart]),
                ),
              })}
            </script>`
        : ''
    }`;
  return staffLayout(
    {
      title: model.problems.length ? `Fel: ${heading}` : heading,
      scripts: result ? ['chart.umd.min.js', 'dashboard.js'] : [],
      wide: true,
      current: DASHBOARD_PATH,
    },
    model.viewer,
    body,
  );
}
