import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";
import { getConfig, type LogLevel } from "@/server/config/env";

/**
 * Structured logs: one JSON object per line on stdout. Two layers keep secret values out:
 * `redact` for the known paths, and a deep walk of every logged object that censors any key that can hold one
 * (a whole request body too), at any depth, so even a mis-logged SDK error or request body prints nothing secret.
 */

const CENSOR = "[redacted]";

/** Keys whose values are censored wherever they appear (lower-cased). */
const SECRET_KEYS = new Set([
  "value", "password", "secret", "authorization", "clientsecret", "client_secret", "token", "accesstoken",
  "access_token", "refreshtoken", "refresh_token", "id_token", "assertion", "client_assertion", "cookie",
  "set-cookie", "body", "bodyasText", "requestbody", "rawbody", "secretvalue", "x-ms-authorization-auxiliary",
].map((k) => k.toLowerCase()));

const REDACT_PATHS = ["value", "*.value", "password", "*.password", "secret", "*.secret", "authorization",
  "*.authorization", "*.headers.authorization", "clientSecret", "*.clientSecret", "token", "*.token", "body", "*.body"];

const MAX_DEPTH = 8;

/** Returns a copy of `input` with every secret-bearing key censored. Errors keep only safe fields. */
export function scrub(input: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (input === null || typeof input !== "object") return input;
  if (seen.has(input)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(input);
  if (input instanceof Error) return scrubError(input, depth, seen);
  if (Array.isArray(input)) return input.map((v) => scrub(v, depth + 1, seen));
  if (input instanceof Date) return input.toISOString();
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(input)) {
    out[key] = SECRET_KEYS.has(key.toLowerCase()) ? CENSOR : scrub(v, depth + 1, seen);
  }
  return out;
}

/**
 * Only name, message, code, status and stack: SDK errors (Azure's RestError) carry the request that failed,
 * whose body is the secret value on a set.
 */
function scrubError(err: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const e = err as Error & { code?: unknown; statusCode?: unknown; status?: unknown; kind?: unknown };
  return {
    type: e.name,
    message: e.message,
    ...(typeof e.kind === "string" && { kind: e.kind }),
    ...(typeof e.code === "string" && { code: e.code }),
    ...(typeof e.statusCode === "number" && { statusCode: e.statusCode }),
    ...(typeof e.status === "number" && { status: e.status }),
    stack: e.stack,
    ...(e.cause !== undefined && { cause: scrub(e.cause, depth + 1, seen) }),
  };
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "ops-portal" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
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
