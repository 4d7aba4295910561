/**
 * What the PEM checks answer when they refuse something. Messages are for the operator and name blocks, lines
 * and certificate subjects — never any of the secret text itself, so they are safe to show, send and log.
 */
export type PemProblemCode =
  /** Nothing was entered. */
  | "empty"
  /** Text without any PEM block (e.g. base64 DER pasted without its BEGIN/END lines). */
  | "not-pem"
  /** An uploaded file that is not text: DER, PFX or another binary format. */
  | "binary"
  /** A BEGIN/END line, header or base64 body is broken. */
  | "malformed"
  /** A block that starts but never ends: the text was cut off. */
  | "truncated"
  /** Well-formed PEM of the wrong kind (a key in a certificate field, two certificates where one goes, …). */
  | "wrong-kind"
  /** A password-protected private key: the connector cannot use it. */
  | "encrypted"
  /** The block decodes but is not a valid certificate or key. */
  | "unreadable"
  /** A valid key or certificate of an algorithm the portal cannot check. */
  | "unsupported"
  /** The private key does not belong to the certificate. */
  | "mismatch";

export interface PemProblem {
  code: PemProblemCode;
  message: string;
  /** Shell commands that fix it (e.g. `openssl x509 -inform der …`), shown as copyable lines. */
  commands?: string[];
}

export const problem = (code: PemProblemCode, message: string, commands?: string[]): PemProblem =>
  commands ? { code, message, commands } : { code, message };
