import { Response } from 'express';
import { DomainError } from '@km/common';
import { sendPage } from './staff-session';
import { renderForbidden, StaffViewer } from './staff.page';

/** A form POST whose CSRF token does not match: nothing changed, in Swedish. */
export const STALE_FORM_SV =
  'Formuläret hade gått ut eller kom inte från den här sidan, så inget ändrades. Ladda om sidan och försök igen.';

/** Ids in the staff pages' paths (a malformed one is a 404, never a database error). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A posted or queried text field, trimmed; anything else is empty. */
export const formText = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export const isForbidden = (error: unknown): boolean =>
  error instanceof DomainError && error.kind === 'forbidden';

/** Runs a page's rendering; an entity outside the viewer's scope answers the Swedish 403 page. */
export async function withinScope(
  res: Response,
  viewer: StaffViewer,
  outOfScope: string,
  render: () => Promise<unknown>,
): Promise<void> {
  try {
    await render();
  } catch (error) {
    if (!isForbidden(error)) throw error;
    sendPage(res, 403, renderForbidden(outOfScope, viewer));
  }
}
