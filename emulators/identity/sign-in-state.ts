import { randomBytes } from "node:crypto";

/**
 * What browser sign-in keeps between requests, in memory: sign-in forms in progress, signed-in sessions (the
 * session cookie's value), authorization codes and refresh tokens. Memory only, on purpose: a restart of the stack
 * signs everyone out (MSAL then shows the sign-in page again), and nothing here ever reaches disk.
 * Every map is bounded: the oldest entries go first when a limit is reached, expired ones whenever they are seen.
 */

/** Entra: authorization codes live about 10 minutes; the stand-in allows 5. */
export const CODE_LIFETIME_SECONDS = 5 * 60;
/** Entra: refresh tokens issued to single-page apps live 24 hours and are not extended by use. */
export const SPA_REFRESH_TOKEN_LIFETIME_SECONDS = 24 * 3600;
export const SESSION_LIFETIME_SECONDS = 12 * 3600;
const FORM_LIFETIME_SECONDS = 15 * 60;
const MAX_ENTRIES = 5_000;

/** The validated parameters of an authorization request, carried through the sign-in form. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  responseMode: "query" | "fragment";
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge: string;
  loginHint?: string;
}

export interface Session { id: string; userOid: string; authTime: number; expiresAt: number }
export interface PendingForm { id: string; csrf: string; request: AuthorizationRequest; expiresAt: number }
export interface CodeGrant { request: AuthorizationRequest; userOid: string; sessionId: string; authTime: number; expiresAt: number }
export interface RefreshGrant {
  clientId: string; userOid: string; sessionId: string; authTime: number; scope: string; expiresAt: number;
}

export class SignInState {
  private readonly forms = new BoundedMap<PendingForm>();
  private readonly sessions = new BoundedMap<Session>();
  private readonly codes = new BoundedMap<CodeGrant>();
  /** Codes already redeemed, kept until they would have expired: a second redemption gets Entra's specific error. */
  private readonly redeemed = new BoundedMap<{ expiresAt: number }>();
  private readonly refreshTokens = new BoundedMap<RefreshGrant>();

  constructor(private readonly now: () => number = () => Math.floor(Date.now() / 1000)) {}

  newForm(request: AuthorizationRequest): PendingForm {
    const form = { id: token(), csrf: token(), request, expiresAt: this.now() + FORM_LIFETIME_SECONDS };
    this.forms.set(form.id, form, this.now());
    return form;
  }

  /** The form in progress (until it expires or a successful sign-in ends it). */
  form(id: string): PendingForm | undefined {
    return this.forms.get(id, this.now());
  }

  endForm(id: string): void {
    this.forms.delete(id);
  }

  startSession(userOid: string): Session {
    const now = this.now();
    const session = { id: token(), userOid, authTime: now, expiresAt: now + SESSION_LIFETIME_SECONDS };
    this.sessions.set(session.id, session, now);
    return session;
  }

  session(id: string | undefined): Session | undefined {
    return id ? this.sessions.get(id, this.now()) : undefined;
  }

  /** Signs the session out: its refresh tokens stop working at once (Entra revokes them at sign-out too). */
  endSession(id: string): void {
    this.sessions.delete(id);
    this.refreshTokens.deleteWhere((g) => g.sessionId === id);
  }

  issueCode(grant: Omit<CodeGrant, "expiresAt">): string {
    const code = token();
    this.codes.set(code, { ...grant, expiresAt: this.now() + CODE_LIFETIME_SECONDS }, this.now());
    return code;
  }

  /**
   * One-time: the grant the first time, then "redeemed"; "unknown" for a code never issued or expired. `check`
   * (client, redirect URI, PKCE verifier) runs first and may throw: a failed attempt does not burn the code.
   */
  redeemCode(code: string, check: (grant: CodeGrant) => void): CodeGrant | "redeemed" | "unknown" {
    const now = this.now();
    const grant = this.codes.get(code, now);
    if (grant) {
      check(grant);
      this.codes.delete(code);
      this.redeemed.set(code, { expiresAt: grant.expiresAt }, now);
      return grant;
    }
    return this.redeemed.get(code, now) ? "redeemed" : "unknown";
  }

  issueRefreshToken(grant: Omit<RefreshGrant, "expiresAt">, expiresAt?: number): string {
    const refreshToken = token(48);
    this.refreshTokens.set(refreshToken, { ...grant, expiresAt: expiresAt ?? this.now() + SPA_REFRESH_TOKEN_LIFETIME_SECONDS }, this.now());
    return refreshToken;
  }

  /**
   * Rotation: the presented refresh token is spent and the caller issues a new one with the same expiry (SPA
   * refresh tokens are not extended by use). Undefined when unknown, spent, expired or signed out.
   */
  spendRefreshToken(refreshToken: string): RefreshGrant | undefined {
    const grant = this.refreshTokens.get(refreshToken, this.now());
    if (!grant || !this.session(grant.sessionId)) return undefined;
    this.refreshTokens.delete(refreshToken);
    return grant;
  }
}

function token(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** A Map with expiry (`expiresAt`, seconds) and a size cap; insertion order is age order. */
class BoundedMap<V extends { expiresAt: number }> {
  private readonly map = new Map<string, V>();

  get(key: string, now: number): V | undefined {
    const value = this.map.get(key);
    if (value && value.expiresAt <= now) {
      this.map.delete(key);
      return undefined;
    }
    return value;
  }

  set(key: string, value: V, now: number): void {
    if (this.map.size >= MAX_ENTRIES) {
      for (const [k, v] of this.map) if (v.expiresAt <= now) this.map.delete(k);
      while (this.map.size >= MAX_ENTRIES) this.map.delete(this.map.keys().next().value!);
    }
    this.map.set(key, value);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  deleteWhere(test: (value: V) => boolean): void {
    for (const [k, v] of this.map) if (test(v)) this.map.delete(k);
  }
}
