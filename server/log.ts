import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";
import { getConfig, type LogLevel } from "@/server/config/env";

/**
 * Structured logs: one JSON object per line on stdout. Three layers keep secret values out:
 * `redact` for the known paths; a deep walk of every logged object that censors any key that can hold one (a whole
 * request body, a Secret's `data`), at any depth; and a pass over every string (messages, error messages and
 * stacks included) for what text can carry: the input a JSON parse error quotes, URL query strings, credentials
 * written as `key=value` or `"key":"value"`, bearer tokens.
 */

const CENSOR = "[redacted]";

/** Keys whose values are censored wherever they appear (lower-cased). */
const SECRET_KEYS = new Set([
  "value", "password", "secret", "authorization", "clientsecret", "client_secret", "token", "accesstoken",
  "access_token", "refreshtoken", "refresh_token", "id_token", "assertion", "client_assertion", "cookie",
  "set-cookie", "body", "bodyasText", "requestbody", "rawbody", "secretvalue", "x-ms-authorization-auxiliary",
  // A Kubernetes Secret's values (base64 or plain).
  "data", "stringdata",
].map((k) => k.toLowerCase()));

const REDACT_PATHS = ["value", "*.value", "password", "*.password", "secret", "*.secret", "authorization",
  "*.authorization", "*.headers.authorization", "clientSecret", "*.clientSecret", "token", "*.token", "body", "*.body",
  "data", "*.data", "stringData", "*.stringData"];

const MAX_DEPTH = 8;

/** Key names that, written as `key=…` or `"key": "…"` inside a string, introduce a credential. */
const SECRET_WORDS = "value|password|passwd|pwd|secret|client_secret|clientsecret|token|access_token|refresh_token|" +
  "id_token|assertion|client_assertion|api[-_]?key|data|stringdata";
const JSON_PAIR = new RegExp(`("(?:${SECRET_WORDS})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, "gi");
const KEY_VALUE = new RegExp(`\\b((?:${SECRET_WORDS})=)[^\\s&,;"']+`, "gi");
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// V8's JSON.parse message quotes the input (or an excerpt): `Unexpected token 's', "s3cr…"... is not valid JSON`.
const JSON_PARSE_INPUT = /(?:Unexpected token '[\s\S]', )?(?:\.\.\.)?"[\s\S]*?"(?:\.\.\.)? is not valid JSON/g;
/** Runs of characters that can make up a URL or a path; split on what ends one in prose, JSON or a stack frame. */
const URL_LIKE = /[^\s"'<>()]+/g;

/** A string with every secret-looking part censored. Every pass is linear in the text's length (no ReDoS). */
export function scrubText(text: string): string {
  let out = text;
  // Only JSON.parse messages quote their input; the lazy match runs on those alone.
  if (out.includes(" is not valid JSON")) out = out.replace(JSON_PARSE_INPUT, `${CENSOR} is not valid JSON`);
  if (out.includes("?") || out.includes("#")) out = out.replace(URL_LIKE, scrubQuery);
  return out.replace(JSON_PAIR, `$1"${CENSOR}"`).replace(KEY_VALUE, `$1${CENSOR}`).replace(AUTH_SCHEME, `$1 ${CENSOR}`);
}

/**
 * The query of a URL or a path (`https://host/cb?code=…`, `/api/x?name=…`), and its fragment, which carries the
 * tokens of implicit flows, are censored; the part before is kept for the reader.
 */
function scrubQuery(token: string): string {
  const at = token.search(/[?#]/);
  if (at <= 0 || at === token.length - 1 || !token.slice(0, at).includes("/")) return token;
  return `${token.slice(0, at + 1)}${CENSOR}`;
}

/** Returns a copy of `input` with every secret-bearing key and string part censored. Errors keep only safe fields. */
export function scrub(input: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof input === "string") return scrubText(input);
  if (input === null || typeof input !== "object") return input;
  if (seen.has(input)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(input);
  if (input instanceof Error) return scrubError(input, depth, seen);
  if (Array.isArray(input)) return input.map((v) => scrub(v, depth + 1, seen));
  if (input instanceof Date) return input.toISOString();
  if (input instanceof URL) return scrubText(input.href);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(input)) {
    out[key] = SECRET_KEYS.has(key.toLowerCase()) ? CENSOR : scrub(v, depth + 1, seen);
  }
  return out;
}

/**
 * Only name, message, code, status and stack: SDK errors (Azure's RestError) carry the request that failed,
 * whose body is the secret value on a set. The message and the stack (which repeats it) go through scrubText.
 */
function scrubError(err: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const e = err as Error & { code?: unknown; statusCode?: unknown; status?: unknown; kind?: unknown };
  return {
    type: e.name,
    message: scrubText(String(e.message)),
    ...(typeof e.kind === "string" && { kind: e.kind }),
    ...(typeof e.code === "string" && { code: e.code }),
    ...(typeof e.statusCode === "number" && { statusCode: e.statusCode }),
    ...(typeof e.status === "number" && { status: e.status }),
    ...(typeof e.stack === "string" && { stack: scrubText(e.stack) }),
    ...(e.cause !== undefined && { cause: scrub(e.cause, depth + 1, seen) }),
  };
}

/**
 * Scrubs the message and its interpolation arguments before pino formats them. pino takes an error's own message
 * as the line's `msg` when none is given (`log.error(err)`, `log.error({ err })`): give it the scrubbed one instead.
 */
function scrubArguments(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  const error = first instanceof Error ? first
    : typeof first === "object" && first !== null && (first as { err?: unknown }).err instanceof Error
      ? (first as { err: Error }).err : undefined;
  const scrubbedRest = rest.map((a) => (typeof a === "string" ? scrubText(a) : scrub(a)));
  if (typeof first === "string") return [scrubText(first), ...scrubbedRest];
  if (error && typeof rest[0] !== "string" && (first as { msg?: unknown }).msg === undefined) {
    return [first, scrubText(String(error.message)), ...scrubbedRest];
  }
  return [first, ...scrubbedRest];
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "ops-portal" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      hooks: {
        logMethod(args, method) {
          method.apply(this, scrubArguments(args) as Parameters<typeof method>);
        },
      },
      formatters: { level: (label) => ({ level: label }), log: (obj) => scrub(obj) as Record<string, unknown> },
      serializers: { err: (err: unknown) => scrub(err) },
    },
    destination,
  );
}

let logger: Logger | undefined;

/** The process's logger (level from LOG_LEVEL). */
export function log(): Logger {
  logger ??= createLogger(safeLevel());
  return logger;
}

function safeLevel(): LogLevel {
  try {
    return getConfig().logLevel;
  } catch {
    // A bad configuration is reported (and stops the server) by instrumentation.ts; logging must still work.
    return "info";
  }
}
