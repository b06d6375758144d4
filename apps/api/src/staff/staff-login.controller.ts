import {
  ArgumentsHost,
  Body,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerException } from '@nestjs/throttler';
import { Request, Response } from 'express';
import { AuthService, InvalidCredentialsError } from '@km/auth';
import { FieldProblem } from '@km/common';
import { THROTTLE, Throttled } from '../common/throttling';
import { StaffPages } from './staff-pages';
import {
  CSRF_FIELD,
  LOGIN_PATH,
  safeReturnPath,
  sendPage,
  StaffSession,
  START_PAGE,
} from './staff-session';
import { renderLogin, renderStartPage } from './staff.page';

export const STALE_FORM = 'Formuläret hade gått ut. Försök igen.';

/** Too many login attempts: the login page again, in Swedish, with the 429 and Retry-After. */
@Catch(ThrottlerException)
export class LoginThrottledFilter implements ExceptionFilter {
  catch(_exception: ThrottlerException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (!res.getHeader('Retry-After')) res.setHeader('Retry-After', '60');
    const page = renderLogin({
      email: '',
      csrfToken: '',
      locked: true,
      problems: [
        {
          field: 'email',
          message: 'För många inloggningsförsök. Vänta en minut och försök sedan igen.',
        },
      ],
    });
    sendPage(res, 429, page);
  }
}

/**
 * One login for all staff (`/logga-in`): brokers, providers, regional staff and admins. After the
 * login each role lands on its start page (or where an expired session left off).
 */
@ApiExcludeController()
@Controller()
export class StaffLoginController {
  constructor(
    private readonly auth: AuthService,
    private readonly session: StaffSession,
    private readonly pages: StaffPages,
  ) {}

  @Get('logga-in')
  async loginForm(
    @Req() req: Request,
    @Res() res: Response,
    @Query('utloggad') loggedOut?: string,
    @Query('utgangen') expired?: string,
    @Query('tillbaka') returnTo?: string,
  ): Promise<void> {
    const user = await this.session.currentUser(req, res);
    if (user) return res.redirect(303, safeReturnPath(returnTo) ?? START_PAGE[user.role]);
    sendPage(
      res,
      200,
      renderLogin({
        email: '',
        problems: [],
        returnTo: safeReturnPath(returnTo),
        notice:
          loggedOut !== undefined
            ? 'logged-out'
            : expired !== undefined
              ? 'session-ended'
              : undefined,
        csrfToken: this.session.csrfToken(req, res),
      }),
    );
  }

  @Post('logga-in')
  @Throttled(THROTTLE.login, THROTTLE.loginClient)
  @UseFilters(LoginThrottledFilter)
  async login(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const email = typeof body?.email === 'string' ? body.email.trim().slice(0, 254) : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    const returnTo = safeReturnPath(body?.tillbaka);
    const again = (status: number, problems: FieldProblem[]) =>
      sendPage(
        res,
        status,
        renderLogin({ email, problems, returnTo, csrfToken: this.session.csrfToken(req, res) }),
      );
    if (!this.session.verifyPost(req, body?.[CSRF_FIELD])) {
      return again(403, [{ field: 'email', message: STALE_FORM }]);
    }
    const problems: FieldProblem[] = [];
    if (!email) problems.push({ field: 'email', message: 'Ange din e-postadress.' });
    if (!password) problems.push({ field: 'password', message: 'Ange ditt lösenord.' });
    if (problems.length) return again(400, problems);
    try {
      const result = await this.auth.login(email, password.slice(0, 1024));
      this.session.startSession(req, res, result.accessToken, result.expiresIn);
      res.redirect(303, returnTo ?? START_PAGE[result.role]);
    } catch (error) {
      if (!(error instanceof InvalidCredentialsError)) throw error;
      again(401, [{ field: 'email', message: 'Fel e-postadress eller lösenord.' }]);
    }
  }

  @Post('logga-ut')
  async logout(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    if (!this.session.verifyPost(req, body?.[CSRF_FIELD])) {
      return this.pages.refuse(req, res, 403, STALE_FORM);
    }
    // The cookie holds an API token: clearing the cookie alone would leave it valid elsewhere.
    const token = this.session.sessionToken(req);
    if (token) await this.auth.logout(token);
    this.session.endSession(req, res);
    res.redirect(303, `${LOGIN_PATH}?utloggad=1`);
  }

  /** The admin's start page, linking every staff page (providers' too, for now). */
  @Get('personal')
  async startPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const viewer = await this.pages.requireViewer(req, res, ['admin', 'provider']);
    if (viewer) sendPage(res, 200, renderStartPage(viewer));
  }
}
