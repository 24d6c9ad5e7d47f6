import { decodeJwt } from 'jose';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { apiRequest } from './api.ts';
import { useLanguage } from './i18n.tsx';

export interface SignedInUser {
  username: string;
  name: string;
  role: string;
  zone?: string;
  district?: string;
  orgId?: string;
  orgName?: string;
}

interface Session {
  token: string;
  user: SignedInUser;
  /** The token's subject: the id the API knows the caller by (a panel member's task names it). */
  userId: string | undefined;
}

interface AuthContext {
  session: Session | undefined;
  signIn(username: string, password: string): Promise<void>;
  /** Keeps an ID token the Cognito hosted UI issued (see features/auth/hosted-ui.ts). */
  signInWithIdToken(idToken: string, user: SignedInUser): void;
  signOut(): void;
}

const STORAGE_KEY = 'pilot-zone.session';
const Context = createContext<AuthContext | undefined>(undefined);

/** A session for a token, its subject read from it once, here. */
const sessionOf = (token: string, user: SignedInUser): Session => ({
  token,
  user,
  userId: decodeJwt(token).sub,
});

const keep = (session: Session) => sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));

const storedSession = (): Session | undefined => {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as Partial<Session> & Pick<Session, 'token' | 'user'>;
    if ('userId' in stored) return stored as Session;
    // Kept by an older console, without the subject: read it from the token once, and keep it.
    const session = sessionOf(stored.token, stored.user);
    keep(session);
    return session;
  } catch {
    return undefined;
  }
};

/**
 * The signed-in user. Locally the demo accounts sign in at `/api/local/login`; in AWS the Cognito hosted
 * UI (or the China OIDC provider, ADR 0001) issues the same ID token, kept only for the browser session.
 */
export const AuthProvider = ({ children }: { children: ReactNode }) => {
  const { language } = useLanguage();
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const signIn = useCallback(
    async (username: string, password: string) => {
      const reply = await apiRequest<{ idToken: string; user: SignedInUser }>('/local/login', {
        language,
        method: 'POST',
        body: { username, password },
      });
      const next = sessionOf(reply.idToken, reply.user);
      keep(next);
      setSession(next);
    },
    [language],
  );
  const signInWithIdToken = useCallback((idToken: string, user: SignedInUser) => {
    const next = sessionOf(idToken, user);
    keep(next);
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(undefined);
  }, []);
  const value = useMemo(
    () => ({ session, signIn, signInWithIdToken, signOut }),
    [session, signIn, signInWithIdToken, signOut],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
};

export const useAuth = (): AuthContext => {
  const context = useContext(Context);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
};

/** The API call bound to the signed-in user and the chosen language. */
export const useApi = () => {
  const { session } = useAuth();
  const { language } = useLanguage();
  return useCallback(
    <T,>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
      apiRequest<T>(path, { ...init, language, token: session?.token }),
    [session?.token, language],
  );
};
