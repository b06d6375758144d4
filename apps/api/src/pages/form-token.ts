import { randomUUID } from 'node:crypto';
import { html, SafeHtml } from './html';

/**
 * The one-time token of a form that creates something (a need, an offering): a fresh one in each
 * new form, posted back with it and kept through the form's re-renders, so the service can store
 * what one form sent once (`storeOncePerForm`).
 */
const FORM_TOKEN_FIELD = 'formToken';
const FORM_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const newFormToken = (): string => randomUUID();

/** The posted form's token; a missing or forged one gets a fresh token (it then stores once). */
export function postedFormToken(body: Record<string, unknown> | undefined): string {
  const posted = body?.[FORM_TOKEN_FIELD];
  const token = typeof posted === 'string' ? posted.toLowerCase() : '';
  return FORM_TOKEN.test(token) ? token : newFormToken();
}

export function formTokenInput(token: string): SafeHtml {
  return html`<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${token}" />`;
}
