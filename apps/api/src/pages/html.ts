/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"'`]/g,
    (ch) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[ch]!,
  );
}

/** A tagged template that escapes every interpolated value unless it is already `SafeHtml`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** Joins ready HTML fragments. */
export function join(parts: SafeHtml[]): SafeHtml {
  return new SafeHtml(parts.map((p) => p.value).join(''));
}

export interface PageOptions {
  title: string;
  /** Scripts from /assets, loaded with `defer`. */
  scripts?: string[];
  /** A wider page (dashboards with charts and tables). */
  wide?: boolean;
  /** The staff pages' navigation and account bar, under the site name. */
  nav?: SafeHtml;
  /** Where the site name links to (the staff pages: the start page). */
  home?: string;
}

/** The GOV.UK-style error summary above a form: announced at once, one link per field. */
export function errorSummary(
  problems: { field: string; message: string }[],
  idOf: (field: string) => string,
): SafeHtml {
  if (problems.length === 0) return html``;
  return html`<div
    class="error-summary"
    role="alert"
    aria-labelledby="error-summary-title"
    tabindex="-1"
    autofocus
  >
    <h2 id="error-summary-title">
      Formuläret har ${problems.length === 1 ? 'ett fel' : `${problems.length} fel`}
    </h2>
    <ul>
      ${problems.map((p) => html`<li><a href="#${idOf(p.field)}">${p.message}</a></li>`)}
    </ul>
  </div>`;
}

/** The common page: Swedish, skip link, header, main landmark, footer. */
export function layout(options: PageOptions, body: SafeHtml): string {
  return `<!doctype html>${html`<html lang="sv">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${options.title} – Kompetensmäklaren</title>
      <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      <link rel="stylesheet" href="/assets/site.css" />
      ${(options.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`)}
    </head>
    <body${options.wide ? new SafeHtml(' class="page-wide"') : ''}>
      <a class="skip-link" href="#main">Hoppa till innehållet</a>
      <header class="site-header">
        <div class="container">
          <a class="site-name" href="${options.home ?? '/'}">Kompetensmäklaren</a>
          <p class="site-tagline">Gemensam kompetensutveckling för små arbetsgivare</p>
        </div>
        ${options.nav ?? ''}
      </header>
      <main id="main" class="container" tabindex="-1">${body}</main>
      <footer class="site-footer">
        <div class="container">
          <p>
            Kompetensmäklaren samlar behov från flera arbetsgivare så att lärcentrum kan ordna
            gemensamma utbildningar.
          </p>
          <nav aria-label="Om webbplatsen">
            <ul class="footer-links">
              <li><a href="/">Startsida</a></li>
              <li><a href="/behov/ny">Anmäl ett kompetensbehov</a></li>
              <li><a href="/tillganglighet">Tillgänglighetsredogörelse</a></li>
              <li><a href="/personuppgifter">Så behandlar vi personuppgifter</a></li>
            </ul>
          </nav>
        </div>
      </footer>
    </body>
  </html>`}`;
}
