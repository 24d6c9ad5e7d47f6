// @vitest-environment jsdom
import { createHash } from 'node:crypto';
import { UnsecuredJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  completeHostedSignIn,
  hostedSignInUrl,
  hostedSignOutUrl,
  pkceChallenge,
  userFromIdToken,
} from '../../../web/src/features/auth/hosted-ui.ts';

const config = { domain: 'https://pilot-zone.auth.cn-north-1.amazoncognito.com', clientId: 'client-123' };
const origin = 'https://console.example.cn';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('Cognito hosted UI sign-in', () => {
  it('derives the PKCE challenge as base64url(SHA-256(verifier)) without padding (RFC 7636 S256)', async () => {
    const verifier = 'dBjftJeZ4CVP-mJ92K1qUdBl1xC8JsQyRRCdk18fxv8';
    const expected = createHash('sha256').update(verifier, 'ascii').digest('base64url');
    expect(await pkceChallenge(verifier)).toBe(expected);
    expect(expected).not.toMatch(/[=+/]/);
  });

  it('sends the browser to the authorize endpoint with a code challenge, never the verifier', async () => {
    const url = new URL(await hostedSignInUrl(config, origin, '/inbox'));
    expect(`${url.origin}${url.pathname}`).toBe(`${config.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'client-123',
      redirect_uri: `${origin}/auth/callback`,
      code_challenge_method: 'S256',
    });
    const pending = JSON.parse(sessionStorage.getItem('pilot-zone.hosted-ui') ?? '{}');
    expect(url.searchParams.get('state')).toBe(pending.state);
    expect(url.searchParams.get('code_challenge')).toBe(await pkceChallenge(pending.verifier));
    expect(url.toString()).not.toContain(pending.verifier);
  });

  it('exchanges the code with the verifier of this tab, and only for the state it started', async () => {
    const idToken = new UnsecuredJWT({
      'cognito:groups': ['office'],
      'cognito:username': 'office.wuhu',
    }).encode();
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ id_token: idToken }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);

    await hostedSignInUrl(config, origin, '/audit');
    const { state, verifier } = JSON.parse(sessionStorage.getItem('pilot-zone.hosted-ui') ?? '{}');
    await expect(
      completeHostedSignIn(config, origin, new URLSearchParams({ code: 'abc', state: 'forged' })),
    ).rejects.toThrow();
    expect(fetchMock).not.toHaveBeenCalled();

    await hostedSignInUrl(config, origin, '/audit');
    const second = JSON.parse(sessionStorage.getItem('pilot-zone.hosted-ui') ?? '{}');
    expect(second.state).not.toBe(state);
    const result = await completeHostedSignIn(
      config,
      origin,
      new URLSearchParams({ code: 'abc', state: second.state }),
    );
    expect(result).toEqual({ idToken, returnTo: '/audit' });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`${config.domain}/oauth2/token`);
    expect(Object.fromEntries(new URLSearchParams(String(init.body)))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-123',
      code: 'abc',
      redirect_uri: `${origin}/auth/callback`,
      code_verifier: second.verifier,
    });
    expect(second.verifier).not.toBe(verifier);
    // A code is exchanged once: the pending sign-in is gone.
    await expect(
      completeHostedSignIn(config, origin, new URLSearchParams({ code: 'abc', state: second.state })),
    ).rejects.toThrow();
  });

  it('reads the user from the same claims the API authorizer reads, and refuses an account without a role', () => {
    const token = new UnsecuredJWT({
      sub: 'u-1',
      'cognito:username': 'municipal.wuhu',
      'cognito:groups': ['municipal_reviewer'],
      name: '芜湖市商务局审核员',
      'custom:zone': 'wuhu',
    }).encode();
    expect(userFromIdToken(token)).toEqual({
      username: 'municipal.wuhu',
      name: '芜湖市商务局审核员',
      role: 'municipal_reviewer',
      zone: 'wuhu',
    });
    expect(() => userFromIdToken(new UnsecuredJWT({ sub: 'u-2' }).encode())).toThrow(/no role/);
  });

  it('signs out of the hosted UI too, coming back to the sign-in page', () => {
    const url = new URL(hostedSignOutUrl(config, origin));
    expect(`${url.origin}${url.pathname}`).toBe(`${config.domain}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-123',
      logout_uri: `${origin}/login`,
    });
  });
});
