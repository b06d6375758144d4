import { FieldProblem } from '@km/common';
import { errorSummary, html, layout, PageOptions, SafeHtml } from '../pages/html';
import { ROLE_SV } from '../pages/swedish-text';
import { CSRF_FIELD, LOGIN_PATH, LOGOUT_PATH, START_PAGE } from './staff-session';

/** Who is logged in, as the staff pages' header shows it. */
export interface StaffViewer {
  email: string;
  role: keyof typeof ROLE_SV;
  csrfToken: string;
}

/** The message above a field with an error; its id is the field's aria-describedby. */
export function fieldError(id: string, problem: FieldProblem | undefined): SafeHtml | '' {
  return problem
    ? html`<p class="field-error" id="${id}-error">
        <span class="visually-hidden">Fel: </span>${problem.message}
      </p>`
    : '';
}

/** aria attributes of a control whose field has an error. */
export function invalidAttributes(id: string, problem: FieldProblem | undefined): SafeHtml | '' {
  return problem ? new SafeHtml(`aria-invalid="true" aria-describedby="${id}-error"`) : '';
}

/** One question: a label, its error and a text input (GOV.UK pattern). */
export function inputField(options: {
  id: string;
  name: string;
  label: string;
  value: string;
  problem?: FieldProblem;
  type?: string;
  width?: string;
  autocomplete?: string;
  numeric?: boolean;
}): SafeHtml {
  const { id, problem } = options;
  return html`<div class="field${problem ? ' field--error' : ''}">
    <label for="${id}">${options.label}</label>
    ${fieldError(id, problem)}
    <input
      id="${id}"
      name="${options.name}"
      type="${options.type ?? 'text'}"
      class="${options.width ?? 'w-full'}"
      ${options.autocomplete ? html`autocomplete="${options.autocomplete}"` : ''}
      ${options.numeric ? new SafeHtml('inputmode="numeric"') : ''}
      value="${options.value}"
      ${invalidAttributes(id, problem)}
    />
  </div>`;
}

export function logoutForm(csrfToken: string): SafeHtml {
  return html`<form method="post" action="${LOGOUT_PATH}" class="logout-form">
    <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />
    <button type="submit" class="button--secondary">Logga ut</button>
  </form>`;
}

/** The links each role has in the staff navigation. */
function navLinks(role: StaffViewer['role']): [href: string, label: string][] {
  const links: [string, string][] = [];
  if (role === 'broker' || role === 'admin') {
    links.push(['/maklare', 'Förslag'], ['/maklare/insatser', 'Insatser']);
    links.push(['/maklare/utkast', 'ESF-utkast']);
  }
  if (role === 'provider') {
    links.push(['/utbud', 'Utbud'], ['/utbud/efterfragan', 'Efterfrågan']);
  }
  if (role === 'regional' || role === 'admin') links.push(['/uppfoljning', 'Uppföljning']);
  if (role === 'admin') links.push(['/personal', 'Startsida']);
  return links;
}

/** The staff header: where to go, who is logged in, and the logout button. */
export function staffNav(viewer: StaffViewer, current?: string): SafeHtml {
  return html`<div class="staff-bar">
    <div class="container">
      <nav aria-label="Personalens sidor">
        <ul>
          ${navLinks(viewer.role).map(
            ([href, label]) =>
              html`<li>
                <a href="${href}" ${href === current ? new SafeHtml('aria-current="page"') : ''}
                  >${label}</a
                >
              </li>`,
          )}
        </ul>
      </nav>
      <div class="staff-account">
        <p>${viewer.email} <span class="role">(${ROLE_SV[viewer.role]})</span></p>
        ${logoutForm(viewer.csrfToken)}
      </div>
    </div>
  </div>`;
}

/** A staff page: the common layout with the staff header. */
export function staffLayout(
  options: PageOptions & { current?: string },
  viewer: StaffViewer,
  body: SafeHtml,
): string {
  return layout(
    { ...options, nav: staffNav(viewer, options.current), home: START_PAGE[viewer.role] },
    body,
  );
}

const LOGIN_ID: Record<string, string> = { email: 'login-email', password: 'login-password' };
const loginId = (field: string) => LOGIN_ID[field] ?? 'login-email';

export interface LoginModel {
  email: string;
  problems: FieldProblem[];
  notice?: 'logged-out' | 'session-ended';
  csrfToken: string;
  /** Where to go after the login (a safe local path). */
  returnTo?: string;
  /** Too many attempts: no form, only the message and a link to try again later. */
  locked?: boolean;
}

export function renderLogin(model: LoginModel): string {
  const problemOf = (field: string) => model.problems.find((p) => p.field === field);
  const field = (
    name: 'email' | 'password',
    label: string,
    type: string,
    autocomplete: string,
    value: string,
  ) =>
    inputField({
      id: loginId(name),
      name,
      label,
      type,
      autocomplete,
      value,
      problem: problemOf(name),
    });
  const notice =
    model.notice === 'logged-out'
      ? html`<div class="notice" role="status"><p>Du är utloggad.</p></div>`
      : model.notice === 'session-ended'
        ? html`<div class="notice notice--warning" role="status">
            <p>Din inloggning har gått ut. Logga in igen.</p>
          </div>`
        : '';
  const body = html`${errorSummary(model.problems, loginId)} ${notice}
    <h1>Logga in</h1>
    <p class="lead">
      För personal: kompetensmäklare och utbildningsanordnare på lärcentrum, regionala handläggare
      och administratörer. Arbetsgivare behöver inget konto.
    </p>
    ${
      model.locked
        ? html`<p id="login-email"><a href="${LOGIN_PATH}">Till inloggningen</a></p>`
        : html`<form method="post" action="${LOGIN_PATH}" novalidate>
            <input type="hidden" name="${CSRF_FIELD}" value="${model.csrfToken}" />
            ${model.returnTo ? html`<input type="hidden" name="tillbaka" value="${model.returnTo}" />` : ''}
            ${field('email', 'E-post', 'email', 'username', model.email)}
            ${field('password', 'Lösenord', 'password', 'current-password', '')}
            <button type="submit">Logga in</button>
          </form>`
    }`;
  return layout({ title: model.problems.length ? 'Fel: Logga in' : 'Logga in' }, body);
}

/** A 403 page: logged in, but not for this; with the way to the account's own start page. */
export function renderForbidden(message: string, viewer?: StaffViewer): string {
  const body = html`<h1>Du har inte behörighet</h1>
    <p>${message}</p>
    ${
      viewer
        ? html`<p><a href="${START_PAGE[viewer.role]}">Till din startsida</a></p>`
        : html`<p><a href="${LOGIN_PATH}">Logga in</a></p>`
    }`;
  return viewer
    ? staffLayout({ title: 'Du har inte behörighet' }, viewer, body)
    : layout({ title: 'Du har inte behörighet' }, body);
}

/** The overview for admins (and providers): every staff page they may use. */
export function renderStartPage(viewer: StaffViewer): string {
  const sections: SafeHtml[] = [];
  if (viewer.role === 'admin') {
    sections.push(
      html`<li>
          <a href="/maklare">Förslag</a> – matchningens förslag till gemensamma utbildningar, att
          godkänna eller avslå.
        </li>
        <li>
          <a href="/maklare/insatser">Insatser</a> – godkända utbildningar och deras resultat.
        </li>
        <li><a href="/uppfoljning">Uppföljning</a> – hur kompetensmäklingen går, per län.</li>
        <li><a href="/admin/queues">Köer</a> – matchningens och e-postens bakgrundsjobb.</li>`,
    );
  }
  if (viewer.role === 'provider') {
    sections.push(
      html`<li><a href="/utbud">Utbud</a> – ditt lärcentrums utbildningar och var de används.</li>
        <li>
          <a href="/utbud/efterfragan">Efterfrågan</a> – behov nära er som ingen utbildning möter.
        </li>`,
    );
  }
  sections.push(
    html`<li>
      <a href="/docs">API-dokumentationen</a> – för system som lägger in utbud och läser förslag.
    </li>`,
  );
  const body = html`<h1>Startsida</h1>
    <p class="lead">Här finns alla sidor för personalen.</p>
    <ul class="link-list">
      ${sections}
    </ul>`;
  return staffLayout({ title: 'Startsida', current: '/personal' }, viewer, body);
}

/** A page with one message and the ways on (a refused or stale action, in plain Swedish). */
export function renderMessage(
  viewer: StaffViewer,
  title: string,
  text: string,
  links: [href: string, label: string][],
): string {
  const body = html`<h1>${title}</h1>
    <p>${text}</p>
    ${links.map(([href, label]) => html`<p><a href="${href}">${label}</a></p>`)}`;
  return staffLayout({ title }, viewer, body);
}
