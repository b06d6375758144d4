import { isPageRequest, renderErrorPage } from './error.page';

describe('error pages', () => {
  it('treats /behov, /uppfoljning, the staff pages and below as pages, nothing else', () => {
    expect(isPageRequest('/behov')).toBe(true);
    expect(isPageRequest('/maklare/forslag/p-1')).toBe(true);
    expect(isPageRequest('/logga-in')).toBe(true);
    expect(isPageRequest('/personal')).toBe(true);
    expect(isPageRequest('/maklarex')).toBe(false);
    expect(isPageRequest('/behov/abc/aterkalla')).toBe(true);
    expect(isPageRequest('/uppfoljning/logga-in')).toBe(true);
    expect(isPageRequest('/api/v1/monitoring/summary')).toBe(false);
    expect(isPageRequest('/behovx')).toBe(false);
    expect(isPageRequest('/api/v1/needs')).toBe(false);
    expect(isPageRequest(undefined)).toBe(false);
  });

  it.each([400, 404, 413, 415, 429, 500, 503, 418])('renders a Swedish page for %i', (status) => {
    const page = renderErrorPage(status);
    expect(page).toContain('<html lang="sv">');
    expect(page).toMatch(/<h1>[^<]+<\/h1>/);
    expect(page).toContain('href="/behov/ny"');
  });

  it('leads back to the dashboard from its pages', () => {
    expect(renderErrorPage(400, '/uppfoljning/export.csv')).toContain('href="/uppfoljning"');
  });

  it('leads back to the proposals from the broker pages, and to the login from the login', () => {
    expect(renderErrorPage(404, '/maklare/forslag/x')).toContain('href="/maklare"');
    expect(renderErrorPage(400, '/logga-in')).toContain('href="/logga-in"');
  });
});
