import { useQuery } from '@tanstack/react-query';
import { decodeJwt } from 'jose';
import type { SignedInUser } from '../../shared/auth.tsx';

/**
 * Sign-in through the Cognito hosted UI (OAuth 2.0 authorization code with PKCE, no client secret in the
 * browser). The deployment writes `/config.json` beside the console with the user pool's domain and the
 * app client; without it (the local cloud) the console offers the demo accounts only.
 */
export interface HostedUiConfig {
  /** e.g. https://pilot-zone-prod.auth.cn-north-1.amazoncognito.com */
  domain: string;
  clientId: string;
}

export const callbackPath = '/auth/callback';
const PENDING_KEY = 'pilot-zone.hosted-ui';

const isHostedUiConfig = (value: unknown): value is HostedUiConfig => {
  const { domain, clientId } = (value ?? {}) as Record<string, unknown>;
  return typeof domain === 'string' && /^https:\/\/[^/]+$/.test(domain) && typeof clientId === 'string';
};

/** The deployment's hosted UI, or null (a local run answers `/config.json` with the console itself). */
export const loadHostedUiConfig = async (): Promise<HostedUiConfig | null> => {
  const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok || !response.headers.get('content-type')?.includes('json')) return null;
  const { hostedUi } = (await response.json()) as { hostedUi?: unknown };
  return isHostedUiConfig(hostedUi) ? hostedUi : null;
};

export const useHostedUiConfig = () =>
  useQuery({
    queryKey: ['hosted-ui-config'],
    queryFn: loadHostedUiConfig,
    staleTime: Number.POSITIVE_INFINITY,
  });

const base64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

const randomString = (byteLength: number) => base64Url(crypto.getRandomValues(new Uint8Array(byteLength)));

/** RFC 7636: the challenge is the SHA-256 of the verifier, base64url without padding. */
export const pkceChallenge = async (verifier: string): Promise<string> =>
  base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

export const redirectUri = (origin: string) => `${origin}${callbackPath}`;

/** The authorize URL, remembering the verifier and state for the callback in this tab only. */
export const hostedSignInUrl = async (config: HostedUiConfig, origin: string, returnTo: string) => {
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(origin),
    scope: 'openid profile email',
    state,
    code_challenge_method: 'S256',
    code_challenge: await pkceChallenge(verifier),
  });
  return `${config.domain}/oauth2/authorize?${params}`;
};

/** The console's user from the ID token's claims (the same claims the API's authorizer reads). */
export const userFromIdToken = (idToken: string): SignedInUser => {
  const claims = decodeJwt(idToken);
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
  const groups = claims['cognito:groups'];
  const role = Array.isArray(groups) && typeof groups[0] === 'string' ? groups[0] : undefined;
  if (!role) throw new Error('The account has no role (Cognito group)');
  const optional = (key: keyof SignedInUser, value: string | undefined) => (value ? { [key]: value } : {});
  return {
    username: text('cognito:username') ?? text('sub') ?? '',
    name: text('name') ?? text('cognito:username') ?? '',
    role,
    ...optional('zone', text('custom:zone')),
    ...optional('district', text('custom:district')),
    ...optional('orgId', text('custom:orgId')),
    ...optional('orgName', text('custom:orgName')),
  };
};

/** Exchanges the callback's code for tokens; refuses a state this tab did not start. */
export const completeHostedSignIn = async (
  config: HostedUiConfig,
  origin: string,
  query: URLSearchParams,
): Promise<{ idToken: string; returnTo: string }> => {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  const code = query.get('code');
  if (!pending || !code || query.get('state') !== pending.state) {
    throw new Error(query.get('error_description') ?? 'The sign-in was not started here or has expired');
  }
  const response = await fetch(`${config.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code,
      redirect_uri: redirectUri(origin),
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`The identity provider refused the sign-in (${response.status})`);
  const { id_token: idToken } = (await response.json()) as { id_token?: string };
  if (!idToken) throw new Error('The identity provider returned no ID token');
  return { idToken, returnTo: pending.returnTo };
};

/** Cognito's logout endpoint, which ends the hosted UI's own session and comes back to the sign-in page. */
export const hostedSignOutUrl = (config: HostedUiConfig, origin: string): string =>
  `${config.domain}/logout?${new URLSearchParams({ client_id: config.clientId, logout_uri: `${origin}/login` })}`;
