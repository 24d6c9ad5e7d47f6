import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  type KeyObject,
  SignJWT,
} from 'jose';
import type { DemoUser } from './demo-users.ts';

export const LOCAL_ISSUER = 'https://local-idp.pilot-zone.invalid';
export const LOCAL_AUDIENCE = 'pilot-zone-console';
const TOKEN_LIFETIME = '12h';
const MAX_CACHED_TOKENS = 10_000;

interface KeyPair {
  privateKey: KeyObject | CryptoKey;
  publicKey: KeyObject | CryptoKey;
}

/**
 * A stand-in for Cognito: signs ID tokens shaped like Cognito's (groups and custom attributes) and
 * verifies them as the HTTP API's JWT authorizer would. The key survives restarts when a data folder
 * is used, so a signed-in console stays signed in.
 */
export class LocalIdentityProvider {
  /** Verified tokens until they expire: the signature check is most of the local API's overhead. */
  private readonly verified = new Map<string, JWTPayload>();

  private constructor(private readonly keys: KeyPair) {}

  static async create(dataDir: string | null): Promise<LocalIdentityProvider> {
    const file = dataDir ? join(dataDir, 'local-idp-key.json') : null;
    if (file && existsSync(file)) {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
      return new LocalIdentityProvider({
        privateKey: await importJWK(stored.privateJwk, 'ES256'),
        publicKey: await importJWK(stored.publicJwk, 'ES256'),
      } as KeyPair);
    }
    const keys = await generateKeyPair('ES256', { extractable: true });
    if (file) {
      writeFileSync(
        file,
        JSON.stringify({
          privateJwk: await exportJWK(keys.privateKey),
          publicJwk: await exportJWK(keys.publicKey),
        }),
        { mode: 0o600 },
      );
    }
    return new LocalIdentityProvider(keys);
  }

  async issueIdToken(user: DemoUser): Promise<string> {
    const claims: JWTPayload = {
      name: user.name,
      'cognito:username': user.username,
      'cognito:groups': [user.role],
      token_use: 'id',
      ...(user.zone ? { 'custom:zone': user.zone } : {}),
      ...(user.district ? { 'custom:district': user.district } : {}),
      ...(user.orgId ? { 'custom:orgId': user.orgId } : {}),
      ...(user.orgName ? { 'custom:orgName': user.orgName } : {}),
    };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setSubject(`demo-${user.username}`)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(TOKEN_LIFETIME)
      .sign(this.keys.privateKey);
  }

  /** Returns the claims, or undefined for a missing, forged or expired token. */
  async verify(token: string): Promise<JWTPayload | undefined> {
    const cached = this.verified.get(token);
    if (cached && (cached.exp ?? 0) * 1000 > Date.now()) return cached;
    this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.keys.publicKey, {
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        algorithms: ['ES256'],
      });
      if (this.verified.size >= MAX_CACHED_TOKENS) this.verified.clear();
      this.verified.set(token, payload);
      return payload;
    } catch {
      return undefined;
    }
  }
}
