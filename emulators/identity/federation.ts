import { decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { entraErrors } from "./errors";
import { IssuerMetadataError, type IssuerKeyCache } from "./issuer-keys";
import type { FederatedCredential, IdentityState } from "./state";

export const JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** The audience Entra expects in federated assertions (and `az identity federated-credential create` defaults to). */
export const TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
/** Signature algorithms of external OIDC issuers (Kubernetes signs RS256; never `none` or a shared secret). */
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];
/** Clock skew tolerated between the assertion's issuer and us. */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Workload identity federation as Entra checks it: the assertion's issuer must be named by one of the client's
 * federated credentials (only then are that issuer's keys fetched), its signature and lifetime must hold, and one
 * credential must match issuer, subject and audience exactly (case-sensitive, as Entra is since 2025).
 * Resolves to the credential that matched; throws an EntraError saying which claim did not.
 */
export async function verifyFederatedAssertion(form: URLSearchParams, clientId: string, state: IdentityState,
  issuerKeys: IssuerKeyCache): Promise<FederatedCredential> {
  const type = form.get("client_assertion_type");
  if (!type) throw entraErrors.missingParameter("client_assertion_type");
  if (type !== JWT_BEARER_ASSERTION) throw entraErrors.unsupportedAssertionType(type);
  const assertion = form.get("client_assertion") ?? "";
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(assertion);
  } catch {
    throw entraErrors.malformedAssertion();
  }
  if (typeof unverified.iss !== "string" || unverified.iss === "") throw entraErrors.malformedAssertion();

  const issuer = unverified.iss;
  const byIssuer = state.federatedCredentials.filter((c) =>
    c.identityClientId.toLowerCase() === clientId.toLowerCase() && c.issuer === issuer);
  if (byIssuer.length === 0) throw entraErrors.federatedIssuerMismatch(issuer);

  const claims = await verifyAssertion(assertion, issuer, issuerKeys);
  const subject = String(claims.sub);
  const bySubject = byIssuer.filter((c) => c.subject === subject);
  if (bySubject.length === 0) throw entraErrors.federatedSubjectMismatch(subject);
  const audiences = Array.isArray(claims.aud) ? claims.aud : [String(claims.aud)];
  const match = bySubject.find((c) => c.audiences.some((a) => audiences.includes(a)));
  if (!match) throw entraErrors.federatedAudienceMismatch(audiences.join(", "));
  return match;
}

async function verifyAssertion(assertion: string, issuer: string, issuerKeys: IssuerKeyCache): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(assertion, issuerKeys.keyResolver(issuer), {
      issuer, algorithms: ALGORITHMS, clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ["exp", "sub", "aud"],
    });
    return payload;
  } catch (err) {
    if (err instanceof IssuerMetadataError) throw entraErrors.issuerMetadataUnavailable(issuer);
    if (err instanceof joseErrors.JWTExpired ||
      (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === "nbf")) {
      const c = decodeJwt(assertion);
      const at = (seconds: unknown) => (typeof seconds === "number" ? new Date(seconds * 1000) : undefined);
      throw entraErrors.assertionOutsideValidity(new Date(), at(c.nbf), at(c.exp));
    }
    if (err instanceof joseErrors.JWKSNoMatchingKey) throw entraErrors.assertionBadSignature("The key was not found.");
    if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JOSEAlgNotAllowed) {
      throw entraErrors.assertionBadSignature("The provided signature value did not match the expected signature value.");
    }
    throw entraErrors.malformedAssertion();
  }
}
