import { randomUUID } from "node:crypto";
import {
  calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JSONWebKeySet, type JWK,
  type JWTPayload,
} from "jose";
import { rememberVerified } from "../shared/verified-tokens";
import { readJson, writeJsonAtomic } from "../shared/atomic-file";

/**
 * The stand-in as an OIDC issuer of service-account tokens, as kube-apiserver is with `--service-account-issuer`:
 * RS256 JWTs with `sub = system:serviceaccount:<ns>:<sa>` and the `kubernetes.io` claim, the public key published at
 * `/openid/v1/jwks` and described by `<issuer>/.well-known/openid-configuration`. Workload identity (issue 6) hands
 * such a token to the identity stand-in, which validates it against this discovery document.
 */

const ALG = "RS256";
/** kube-apiserver refuses shorter lifetimes (TokenRequest validation) and uses this one by default. */
export const MIN_EXPIRATION_SECONDS = 600;
export const DEFAULT_EXPIRATION_SECONDS = 3600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;

interface StoredKey { kid: string; privateJwk: JWK }

export interface ServiceAccountRef { namespace: string; name: string; uid: string }

export interface IssuedToken { token: string; expirationTimestamp: string; audiences: string[]; expirationSeconds: number }

export class ServiceAccountIssuer {
  private issuerUrl: string | undefined;

  private constructor(private readonly stored: StoredKey, private readonly privateKey: CryptoKey | Uint8Array,
    private readonly publicKey: CryptoKey | Uint8Array) {}

  /** Loads the signing key from `keyFile`, or generates and persists one (mode 600) at first start. */
  static async open(keyFile: string): Promise<ServiceAccountIssuer> {
    let stored = await readJson<StoredKey>(keyFile);
    if (!stored) {
      const { privateKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
      const privateJwk = await exportJWK(privateKey);
      const kid = await calculateJwkThumbprint(privateJwk);
      stored = { kid, privateJwk: { ...privateJwk, kid } };
      await writeJsonAtomic(keyFile, stored, 0o600);
    }
    const { kty, n, e } = stored.privateJwk;
    return new ServiceAccountIssuer(stored, await importJWK(stored.privateJwk, ALG), await importJWK({ kty, n, e }, ALG));
  }

  /** The issuer is the server's own URL, known once it listens (port 0 in tests). */
  setIssuer(url: string): void {
    this.issuerUrl = url.replace(/\/+$/, "");
  }

  get issuer(): string {
    if (!this.issuerUrl) throw new Error("service-account issuer URL not set (call setIssuer once the server listens)");
    return this.issuerUrl;
  }

  jwks(): JSONWebKeySet {
    const { kty, n, e } = this.stored.privateJwk;
    return { keys: [{ use: "sig", kty, kid: this.stored.kid, alg: ALG, n, e }] };
  }

  openIdConfiguration() {
    return {
      issuer: this.issuer,
      jwks_uri: `${this.issuer}/openid/v1/jwks`,
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: [ALG],
    };
  }

  /** Signs a token for the service account. Audiences default to the issuer (the API server's own audience). */
  async issue(sa: ServiceAccountRef, o: { audiences?: string[]; expirationSeconds?: number; now?: number } = {}): Promise<IssuedToken> {
    const audiences = o.audiences && o.audiences.length > 0 ? o.audiences : [this.issuer];
    const expirationSeconds = o.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
    const now = Math.floor((o.now ?? Date.now()) / 1000);
    const token = await new SignJWT({
      jti: randomUUID(),
      "kubernetes.io": { namespace: sa.namespace, serviceaccount: { name: sa.name, uid: sa.uid } },
    })
      .setProtectedHeader({ alg: ALG, kid: this.stored.kid })
      .setIssuer(this.issuer)
      .setSubject(`system:serviceaccount:${sa.namespace}:${sa.name}`)
      .setAudience(audiences)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + expirationSeconds)
      .sign(this.privateKey);
    return { token, audiences, expirationSeconds, expirationTimestamp: new Date((now + expirationSeconds) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z") };
  }

  /** Claims of a token this issuer signed for `audience` (default: the API server); throws otherwise. */
  verify(token: string, audience = this.issuer): Promise<JWTPayload> {
    return this.verified(token, audience);
  }

  private readonly verified = rememberVerified(async (token: string, audience: string) =>
    (await jwtVerify(token, this.publicKey, { issuer: this.issuer, audience, algorithms: [ALG] })).payload);
}

/** TokenRequest `spec` checks kube-apiserver makes; returns field errors (empty when valid). */
export function tokenRequestErrors(spec: { audiences?: unknown; expirationSeconds?: unknown }): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const { audiences, expirationSeconds } = spec;
  if (audiences !== undefined && audiences !== null &&
      (!Array.isArray(audiences) || audiences.some((a) => typeof a !== "string" || a === ""))) {
    errors.push({ field: "spec.audiences", message: "must be a list of non-empty strings" });
  }
  if (expirationSeconds !== undefined && expirationSeconds !== null) {
    if (typeof expirationSeconds !== "number" || !Number.isInteger(expirationSeconds)) {
      errors.push({ field: "spec.expirationSeconds", message: "must be an integer" });
    } else if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
      errors.push({ field: "spec.expirationSeconds", message: "may not specify a duration less than 10 minutes" });
    } else if (expirationSeconds > MAX_EXPIRATION_SECONDS) {
      errors.push({ field: "spec.expirationSeconds", message: "may not specify a duration larger than 2^32 seconds" });
    }
  }
  return errors;
}
