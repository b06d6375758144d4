import {
  Criterion,
  CRITERION_SV,
  draftTitle,
  formatInteger,
  formatKronor,
  ProjectDraftView,
  statusText,
} from '@km/project-drafts';
import { html, SafeHtml } from '../pages/html';
import { renderProjectDraftBody } from '../pages/project-draft.page';
import { countOf, swedishDate, swedishDateTime } from '../pages/swedish-text';
import { CSRF_FIELD } from '../staff/staff-session';
import { staffLayout, StaffViewer } from '../staff/staff.page';
import { BROKER_PATH, pagination, summaryList } from './broker-page-parts';

export const DRAFTS_PATH = `${BROKER_PATH}/utkast`;
export const DRAFTS_PAGE_SIZE = 20;
export const draftPath = (id: string) => `${DRAFTS_PATH}/${encodeURIComponent(id)}`;

/** Why a draft cannot be approved now, in the broker's words; undefined when it can. */
export type Unapprovable =
  | { reason: 'version'; draftId: string; version: number }
  | { reason: 'empty' }
  | { reason: 'rules'; missing: string[] }
  | { reason: 'unchanged'; version: number; approvedAt: string };

/**
 * The service's 409 reasons, read off the view so each gets its own Swedish text. "Unchanged" is
 * only known inside the service's transaction; the controller passes `unchanged` when the service
 * refused a draft that passes every other check.
 */
export function unapprovable(d: ProjectDraftView, unchanged = false): Unapprovable | undefined {
  if (d.version !== null) return { reason: 'version', draftId: d.draftId, version: d.version };
  if (d.items.length === 0) return { reason: 'empty' };
  if (!d.eligible) return { reason: 'rules', missing: unmetRules(d).map(missingText) };
  const latest = d.versions[0];
  if (unchanged && latest) {
    return { reason: 'unchanged', version: latest.version, approvedAt: latest.approvedAt };
  }
  return undefined;
}

const unmetRules = (d: ProjectDraftView) => d.criteria.filter((c) => c.hard && !c.met);
const missingText = (c: Criterion) => c.missing ?? `${CRITERION_SV[c.name]} är inte uppfyllt.`;

/** "Uppfyller villkoren" or what is missing, for the list. */
function criteriaInWords(d: ProjectDraftView): SafeHtml {
  if (d.items.length === 0) return html`Tomt – inga insatser eller förslag ännu`;
  const unmet = unmetRules(d);
  const soft = d.criteria.filter((c) => !c.hard && !c.met);
  const reported = soft.length
    ? html`<br />Inte uppfyllt, men hindrar inte ansökan (redovisas):
        ${soft.map((c) => CRITERION_SV[c.name].toLowerCase()).join(', ')}.`
    : '';
  if (unmet.length === 0) return html`Uppfyller utlysningens villkor.${reported}`;
  return html`Uppfyller inte villkoren:
    <ul class="criteria-missing">
      ${unmet.map((c) => html`<li>${CRITERION_SV[c.name]}: ${missingText(c)}</li>`)}
    </ul>
    ${reported}`;
}

function versionsInWords(d: ProjectDraftView): SafeHtml | string {
  if (d.versions.length === 0) return 'Ingen ännu';
  return html`<ul class="link-list">
    ${d.versions.map(
      (v) =>
        html`<li>
          <a href="${draftPath(v.id)}">Version ${v.version}</a>, godkänd
          ${swedishDate(new Date(v.approvedAt))}
        </li>`,
    )}
  </ul>`;
}

const employersInWords = (d: ProjectDraftView) =>
  d.employers.length === 0
    ? 'Inga ännu'
    : `${formatInteger(d.employers.length)}: ${d.employers.map((e) => e.name).join(', ')}`;

export interface DraftListModel {
  viewer: StaffViewer;
  items: ProjectDraftView[];
  total: number;
  page: number;
}

export function renderDraftList(model: DraftListModel): string {
  const pages = Math.max(1, Math.ceil(model.total / DRAFTS_PAGE_SIZE));
  const body = html`<h1>ESF-projektutkast</h1>
    <p class="lead">
      Ett utkast per län och tema, byggt av godkända insatser och öppna förslag. Utkasten räknas om
      vid varje matchning. När ett utkast är klart för ansökan godkänner du det: då sparas en
      version som inte ändras.
    </p>
    <h2>Utkast i dina län (${formatInteger(model.total)})</h2>
    ${
      model.items.length === 0
        ? html`<p class="no-data">
            Det finns inga utkast ännu. De skapas när matchningen har hittat gemensamma behov i
            länet.
          </p>`
        : model.items.map(
            (d) =>
              html`<section class="draft-card" aria-labelledby="draft-${d.id}">
                <h3 id="draft-${d.id}"><a href="${draftPath(d.id)}">${draftTitle(d)}</a></h3>
                ${summaryList([
                  ['Status', statusText(d)],
                  ['Tema', d.themeLabel],
                  ['Arbetsgivare', employersInWords(d)],
                  [
                    'Deltagare',
                    `${formatInteger(d.participants.total)} (${countOf(d.participants.women, 'kvinna', 'kvinnor')}, ${countOf(d.participants.men, 'man', 'män')})`,
                  ],
                  ['Budget', formatKronor(d.budget.totalSek)],
                  ['Villkor', criteriaInWords(d)],
                  ['Godkända versioner', versionsInWords(d)],
                ])}
              </section>`,
          )
    }
    ${pagination(model.page, pages, (p) => (p > 1 ? `${DRAFTS_PATH}?sida=${p}` : DRAFTS_PATH))}`;
  return staffLayout(
    { title: 'ESF-projektutkast', current: DRAFTS_PATH, wide: true },
    model.viewer,
    body,
  );
}

/** Why the approve button is missing, under the draft. */
function notApprovableText(why: Unapprovable): SafeHtml {
  switch (why.reason) {
    case 'version':
      return html`<p>
        Det här är version ${why.version}, som godkändes och inte ändras.
        <a href="${draftPath(why.draftId)}">Till det aktuella utkastet</a>
      </p>`;
    case 'empty':
      return html`<p>
        Utkastet kan inte godkännas än: det har inga godkända insatser eller öppna förslag.
      </p>`;
    case 'rules':
      return html`<p>Utkastet kan inte godkännas förrän det uppfyller utlysningens villkor:</p>
        <ul>
          ${why.missing.map((m) => html`<li>${m}</li>`)}
        </ul>`;
    case 'unchanged':
      return html`<p>Inget har ändrats sedan version ${why.version}.</p>`;
  }
}

export interface DraftPageModel {
  viewer: StaffViewer;
  draft: ProjectDraftView;
  /** Just approved (after the redirect): the confirmation above the version. */
  justApproved: boolean;
}

export function renderDraftPage({ viewer, draft: d, justApproved }: DraftPageModel): string {
  const why = unapprovable(d);
  const body = html`${
      justApproved && d.version !== null
        ? html`<div class="confirmation" role="status">
            <h2>Utkastet är godkänt som version ${d.version}</h2>
            <p>
              Versionen är sparad och ändras inte, även om utkastet räknas om. Skriv ut den eller
              hämta den som CSV-fil till ansökan.
            </p>
          </div>`
        : ''
    }
    <p><a href="${DRAFTS_PATH}">Tillbaka till utkasten</a></p>
    ${renderProjectDraftBody(d)}
    <section class="decision" aria-labelledby="draft-actions">
      <h2 id="draft-actions">Använd utkastet</h2>
      <ul class="link-list">
        <li>
          <a href="${draftPath(d.id)}/utskrift">Utskriftsvänlig sida</a> – skriv ut eller spara som
          PDF
        </li>
        <li>
          <a href="${draftPath(d.id)}/export.csv" download>Hämta som CSV-fil</a> – öppnas i Excel
        </li>
      </ul>
      ${
        why
          ? notApprovableText(why)
          : html`<p>
              <a class="button" href="${draftPath(d.id)}/godkann">Godkänn utkastet</a>
            </p>`
      }
    </section>`;
  return staffLayout({ title: draftTitle(d), current: DRAFTS_PATH, wide: true }, viewer, body);
}

/** "Are you sure?" before approving: the version is what the application is built on. */
export function renderApproveConfirmation(viewer: StaffViewer, d: ProjectDraftView): string {
  const next = (d.versions[0]?.version ?? 0) + 1;
  const body = html`<p><a href="${draftPath(d.id)}">Tillbaka till utkastet</a></p>
    <h1>Vill du godkänna ${draftTitle(d)}?</h1>
    <p>Utkastet sparas som version ${next}, så här som det ser ut nu:</p>
    ${summaryList([
      ['Arbetsgivare', employersInWords(d)],
      ['Deltagare', formatInteger(d.participants.total)],
      ['Budget', formatKronor(d.budget.totalSek)],
      ['Uppgifterna gäller', swedishDateTime(d.computedAt)],
    ])}
    <p>
      Versionen ändras inte när utkastet räknas om. Ändras utkastet senare kan du godkänna en ny
      version.
    </p>
    <form method="post" action="${draftPath(d.id)}/godkann">
      <input type="hidden" name="${CSRF_FIELD}" value="${viewer.csrfToken}" />
      <button type="submit">Ja, godkänn utkastet</button>
      <a class="button-link" href="${draftPath(d.id)}">Nej, gå tillbaka</a>
    </form>`;
  return staffLayout({ title: `Godkänna ${draftTitle(d)}?`, current: DRAFTS_PATH }, viewer, body);
}

/** The refused approval (409), in plain Swedish, with the ways on. */
export function renderNotApproved(
  viewer: StaffViewer,
  d: ProjectDraftView,
  why: Unapprovable,
): string {
  const [title, text]: [string, SafeHtml] =
    why.reason === 'unchanged'
      ? [
          'Utkastet är redan godkänt',
          html`<p>
            Inget har ändrats sedan förra versionen (version ${why.version}, godkänd
            ${swedishDate(new Date(why.approvedAt))}), så ingen ny version sparades.
          </p>`,
        ]
      : why.reason === 'version'
        ? ['Versionen är redan godkänd', notApprovableText(why)]
        : [
            'Utkastet kunde inte godkännas',
            html`${notApprovableText(why)}
              <p>Inget sparades.</p>`,
          ];
  const body = html`<h1>${title}</h1>
    ${text}
    <p><a href="${draftPath(d.draftId)}">Till utkastet</a></p>
    <p><a href="${DRAFTS_PATH}">Till utkasten</a></p>`;
  return staffLayout({ title, current: DRAFTS_PATH }, viewer, body);
}
