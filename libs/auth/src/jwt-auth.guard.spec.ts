import { ExecutionContext } from '@nestjs/common';
import { AuthUser } from './auth-user';
import { AuthenticationRequiredError } from './auth.errors';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';

const TOKEN = 'aaa.bbb.ccc';
const caller: AuthUser = { id: 'u', email: 'u@x.test', role: 'admin', municipalityCodes: [] };

function setup(authorization?: string) {
  const request: { headers: Record<string, string | undefined>; user?: AuthUser } = {
    headers: { authorization },
  };
  const headers: Record<string, string> = {};
  const context = {
    switchToHttp: () => ({
      getRequest: () => request,
      getResponse: () => ({ setHeader: (n: string, v: string) => (headers[n] = v) }),
    }),
  } as unknown as ExecutionContext;
  const authenticate = jest.fn(async (token: string) => {
    if (token !== TOKEN) throw new AuthenticationRequiredError('The access token is not valid');
    return caller;
  });
  const guard = new JwtAuthGuard({ authenticate } as unknown as AuthService);
  return { guard, context, request, headers, authenticate };
}

describe('JwtAuthGuard', () => {
  it('puts the caller on the request for a valid bearer token', async () => {
    const { guard, context, request } = setup(`Bearer ${TOKEN}`);
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.user).toBe(caller);
  });

  it.each([undefined, '', 'Basic abc', 'Bearer', 'Bearer not-a-jwt', `Bearer ${TOKEN} extra`])(
    '401 with a Bearer challenge for %p',
    async (header) => {
      const { guard, context, headers } = setup(header);
      await expect(guard.canActivate(context)).rejects.toBeInstanceOf(AuthenticationRequiredError);
      expect(headers['WWW-Authenticate']).toMatch(/^Bearer/);
    },
  );

  it('401 when the service rejects the token', async () => {
    const { guard, context, authenticate } = setup('Bearer xxx.yyy.zzz');
    await expect(guard.canActivate(context)).rejects.toBeInstanceOf(AuthenticationRequiredError);
    expect(authenticate).toHaveBeenCalledWith('xxx.yyy.zzz');
  });
});
