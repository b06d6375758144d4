import { Injectable } from '@nestjs/common';
import { Request, Response } from 'express';
import { AuthUser, Role } from '@km/auth';
import { ROLE_PLURAL_SV } from '@km/labels';
import { LOGIN_PATH, safeReturnPath, sendPage, StaffSession } from './staff-session';
import { renderForbidden, StaffViewer } from './staff.page';

/** Who may use which staff pages, in the words of the 403 page. */
function notAllowed(roles: readonly Role[]): string {
  const names = roles.map((r) => ROLE_PLURAL_SV[r]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} och ${names.at(-1)}` : names[0];
  return `Sidan är till för ${list}.`;
}

/**
 * The staff pages' gate: the logged-in account with the header it sees, or an answer already sent
 * (a redirect to the login, or a Swedish 403 page).
 */
@Injectable()
export class StaffPages {
  constructor(private readonly session: StaffSession) {}

  viewerOf(req: Request, res: Response, user: AuthUser): StaffViewer {
    return { email: user.email, role: user.role, csrfToken: this.session.csrfToken(req, res) };
  }

  async requireUser(
    req: Request,
    res: Response,
    roles: readonly Role[],
  ): Promise<{ user: AuthUser; viewer: StaffViewer } | undefined> {
    const user = await this.session.currentUser(req, res);
    if (!user) {
      const expired = this.session.sessionToken(req) !== undefined;
      if (expired) this.session.endSession(req, res);
      const query = new URLSearchParams();
      if (expired) query.set('utgangen', '1');
      const back = req.method === 'GET' ? safeReturnPath(req.originalUrl) : undefined;
      if (back) query.set('tillbaka', back);
      const suffix = query.size ? `?${query.toString()}` : '';
      res.redirect(303, `${LOGIN_PATH}${suffix}`);
      return undefined;
    }
    const viewer = this.viewerOf(req, res, user);
    if (!roles.includes(user.role)) {
      sendPage(res, 403, renderForbidden(notAllowed(roles), viewer));
      return undefined;
    }
    return { user, viewer };
  }

  async requireViewer(
    req: Request,
    res: Response,
    roles: readonly Role[],
  ): Promise<StaffViewer | undefined> {
    return (await this.requireUser(req, res, roles))?.viewer;
  }

  /** A Swedish refusal page, with the staff header when someone is logged in. */
  async refuse(req: Request, res: Response, status: number, message: string): Promise<void> {
    const user = await this.session.currentUser(req, res);
    sendPage(res, status, renderForbidden(message, user && this.viewerOf(req, res, user)));
  }
}
