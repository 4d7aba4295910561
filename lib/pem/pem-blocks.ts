import { decodeBase64, isStrictBase64 } from "./base64";
import { problem, type PemProblem } from "./problem";

/**
 * Splits PEM text into its blocks (RFC 7468, with RFC 1421 headers such as `Proc-Type` kept so an encrypted legacy
 * key can be recognised). Text between blocks is allowed and ignored, as OpenSSL does: `openssl pkcs12` writes
 * "Bag Attributes" lines there. Everything inside a block must be well formed.
 */
export interface PemBlock {
  /** The label of the BEGIN line, e.g. `CERTIFICATE`, `PRIVATE KEY`. */
  label: string;
  /** RFC 1421 headers between the BEGIN line and the body, e.g. `{ "Proc-Type": "4,ENCRYPTED" }`. */
  headers: Record<string, string>;
  /** The decoded body. */
  der: Uint8Array<ArrayBuffer>;
  /** 1-based line of the BEGIN line, for messages. */
  line: number;
}

export type PemParse = { ok: true; blocks: PemBlock[] } | { ok: false; problem: PemProblem };

const BEGIN = /^-----BEGIN ([^-]+(?:-[^-]+)*)-----$/;
const END = /^-----END ([^-]+(?:-[^-]+)*)-----$/;
const HEADER = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/;

interface OpenBlock {
  label: string;
  line: number;
  headers: Record<string, string>;
  body: string[];
}

export function parsePemBlocks(text: string): PemParse {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: PemBlock[] = [];
  let open: OpenBlock | null = null;

  for (const [i, raw] of lines.entries()) {
    const n = i + 1;
    const line = raw.trim();
    if (open === null) {
      if (line.startsWith("-----BEGIN")) {
        const label = BEGIN.exec(line)?.[1];
        if (label === undefined) return fail("malformed", `Line ${n} is not a valid BEGIN line: use -----BEGIN <LABEL>----- on a line of its own.`);
        open = { label, line: n, headers: {}, body: [] };
      } else if (line.startsWith("-----END")) {
        return fail("malformed", `Line ${n} ends a block that was never begun: a -----BEGIN line is missing above it.`);
      }
      continue;
    }
    if (line.startsWith("-----BEGIN")) return truncated(open);
    if (line.startsWith("-----END")) {
      if (line.includes("-----BEGIN")) {
        return fail("malformed", `Line ${n} holds an END and a BEGIN line together: put a line break between them ` +
          `(a file joined to another that did not end with a line break).`);
      }
      const label = END.exec(line)?.[1];
      if (label === undefined) return fail("malformed", `Line ${n} is not a valid END line: use -----END ${open.label}----- on a line of its own.`);
      if (label !== open.label) {
        return fail("malformed", `The ${open.label} block that begins on line ${open.line} ends with -----END ${label}----- on line ${n}; ` +
          `the labels must match.`);
      }
      const block = closeBlock(open);
      if ("code" in block) return { ok: false, problem: block };
      blocks.push(block);
      open = null;
      continue;
    }
    if (line === "") continue;
    const header = open.body.length === 0 ? HEADER.exec(line) : null;
    if (header?.[1] !== undefined) {
      open.headers[header[1]] = (header[2] ?? "").trim();
      continue;
    }
    open.body.push(line);
  }
  if (open !== null) return truncated(open);
  return { ok: true, blocks };
}

function closeBlock(open: OpenBlock): PemBlock | PemProblem {
  const body = open.body.join("").replace(/\s+/g, "");
  const where = `The ${open.label} block that begins on line ${open.line}`;
  if (body === "") return problem("malformed", `${where} is empty.`);
  if (!isStrictBase64(body)) {
    return problem("malformed", `${where} is not valid base64: it has characters outside A–Z, a–z, 0–9, + and /, ` +
      `or its length or = padding is wrong (was a line lost or changed when copying?).`);
  }
  return { label: open.label, headers: open.headers, der: decodeBase64(body), line: open.line };
}

const truncated = (open: OpenBlock): PemParse =>
  fail("truncated", `The ${open.label} block that begins on line ${open.line} has no -----END ${open.label}----- line: ` +
    `the text looks cut off.`);

const fail = (code: PemProblem["code"], message: string): PemParse => ({ ok: false, problem: problem(code, message) });

/** "Proc-Type: 4,ENCRYPTED": a traditional OpenSSL key encrypted with a password. */
export const isLegacyEncrypted = (block: PemBlock): boolean =>
  /(^|,)\s*ENCRYPTED\s*$/i.test(block.headers["Proc-Type"] ?? "");
