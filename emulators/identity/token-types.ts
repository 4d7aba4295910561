import type { IssuerKeyCache } from "./issuer-keys";
import type { SignInState } from "./sign-in-state";
import type { IdentityState } from "./state";

/** What every grant of the token endpoint may use. */
export interface TokenContext {
  state: IdentityState;
  issuer: string;
  issuerKeys: IssuerKeyCache;
  signIn: SignInState;
}

/** Entra's v2.0 token response (fields a grant does not produce are left out). */
export interface TokenResponse {
  token_type: "Bearer";
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  scope?: string;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  id_token?: string;
  client_info?: string;
}

export type GrantHandler = (form: URLSearchParams, ctx: TokenContext) => Promise<TokenResponse>;
