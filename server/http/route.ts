import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { AccessLevel } from "@/lib/auth/roles";
import type { AuditIntent } from "@/lib/schemas/audit";
import {
  intentNamesOf, isDryRun, isPermittedDryRun, isWrite, recordIntent, recordOutcome, recordWrite, type AuditSpec,
} from "@/server/audit/record-write";
import { AppError, problemResponse, toAppError } from "@/server/errors";
import { ANONYMOUS, authenticate, authorize, bearerChallenge, type Principal } from "@/server/http/authenticate";
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from "@/server/http/read-body";
import { apiSecurityHeaders, cameOverHttps } from "@/server/http/security-headers";
import { log } from "@/server/log";
import { auditLog } from "@/server/wiring";

/**
 * The one wrapper around every `/api` handler: request id, authentication (bearer access token) and the route's
 * app role, parsing of params/query/body with the route's zod schemas (async: a schema may check PEM text with
 * async refinements), the audit of every write (any method but GET/HEAD/OPTIONS; server/audit/record-write.ts),
 * one log line per request, and every throw mapped to problem+json by server/errors.ts. Handlers stay thin and
 * never catch.
 *
 * The audit log fails closed: a write's intent is recorded after validation and before the handler runs (or, for a
 * route whose handler reads first, before its first write); when it cannot be, the answer is 503 and nothing is
 * written. The outcome is queued after the handler, and the answer does not wait for it to be durable. A dry run
 * (`?dryRun=All`) writes nothing and records no intent; like a refusal or a request that did not validate, it is
 * recorded as one entry only when it was not answered 2xx.
 */

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema> {
  params?: P;
  query?: Q;
  body?: B;
  /** Body size limit; default 64 KB. */
  maxBodyBytes?: number;
  /** The app role the route needs (default `reader`; operator implies reader). */
  role?: AccessLevel;
  /** No sign-in needed (only `/api/health`). */
  public?: true;
  /** How writes are named in the audit log; `false` for a route that never changes anything (405/404 answers). */
  audit?: AuditSpec<Out<P>, Out<B>, Out<Q>> | false;
  /**
   * The handler reads before it writes and awaits `beforeWrite()` before its first write: the audit intent is then
   * recorded alongside its reads instead of before it starts (an endpoint save's step 0 hides the fsync). Fail-closed
   * still: `beforeWrite()` throws when the intent could not be recorded, and the answer is then 503.
   */
  writesAfterGate?: true;
}

export interface RouteInput<P extends Schema, Q extends Schema, B extends Schema> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  principal: Principal;
  request: Request;
  requestId: string;
  /**
   * Names the resources this write touched (`keyvault/secrets/<name>`, `devices/<name>`…), by name only, for the
   * audit entry; added to the params-derived ones. Names given before a throw are kept.
   */
  touched: (names: readonly string[]) => void;
  /** Resolves once the write's audit intent is recorded (at once where the route has no gate or writes nothing). */
  beforeWrite: () => Promise<void>;
  /**
   * With `audit.each`: how the part of the request about one of the names its `intent` lists ended, for that name's
   * own audit entry (what it touched; its problem, if it failed).
   */
  itemOutcome: (name: string, outcome: ItemOutcome) => void;
}

export interface ItemOutcome {
  status: number;
  failure?: AppError;
  touched?: readonly string[];
}

/** What Next 16 passes a route handler: `params` is a Promise. */
export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export type RouteHandler = (request: Request, ctx: RouteContext) => Promise<Response>;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function route<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<P, Q, B>) => Promise<Response> | Response,
): RouteHandler {
  return async (request, ctx) => {
    const started = performance.now();
    const incoming = request.headers.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const url = new URL(request.url);
    const path = url.pathname;
    let response: Response;
    let failure: AppError | undefined;
    let principal: Principal = ANONYMOUS;
    let params: Out<P> | undefined;
    let query: Out<Q> | undefined;
    /** The intents recorded, by the name each is about (one, named "", unless the route audits `each`). */
    const intents = new Map<string, AuditIntent>();
    const items = new Map<string, ItemOutcome>();
    let recording: Promise<void> | undefined;
    const audit = isWrite(request.method) && spec.audit !== false && !spec.public
      ? (spec.audit as AuditSpec | undefined) ?? {} : undefined;
    const touched: string[] = [];
    try {
      if (!spec.public) {
        principal = await authenticate(request);
        authorize(principal, spec.role ?? "reader");
      }
      params = await parse(spec.params, (await ctx?.params) ?? {}, "params") as Out<P>;
      query = await parse(spec.query, queryObject(request), "query") as Out<Q>;
      const body = (spec.body
        ? await parse(spec.body, await readJsonBody(request, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES), "body")
        : undefined) as Out<B>;
      if (audit && principal.kind !== "anonymous" && !isDryRun(query)) {
        const w = { request, requestId, principal, params, query, body };
        recording = audit.each
          ? Promise.all(intentNamesOf(audit, w).map((name) => recordIntent(auditLog(), { ...audit, intent: () => [name] }, w)
            .then((recorded) => { intents.set(name, recorded); }))).then(() => undefined)
          : recordIntent(auditLog(), audit, w).then((recorded) => { intents.set("", recorded); });
        recording.catch(() => undefined);      // awaited below, after or (with a gate) during the handler
        if (!spec.writesAfterGate) await recording;
      }
      response = await handler({ params: params as Out<P>, query: query as Out<Q>, body, principal, request, requestId,
        touched: (names) => { touched.push(...names); }, beforeWrite: () => recording ?? Promise.resolve(),
        itemOutcome: (name, outcome) => { items.set(name, outcome); } });
      // Nothing was written without an intent; an intent that could not be recorded still answers 503.
      await recording;
    } catch (err) {
      // A gated handler that stopped before its writes (a refusal) still leaves a recorded intent to close.
      await recording?.catch(() => undefined);
      failure = toAppError(err);
      if (failure.kind === "internal") log().error({ err, requestId, path }, "unexpected error");
      response = problemResponse(failure, { instance: path, requestId });
      if (failure.kind === "unauthenticated") response.headers.set("www-authenticate", bearerChallenge(request));
    }
    response = withHeaders(response, {
      "x-request-id": requestId, ...apiSecurityHeaders({ https: cameOverHttps(url, request.headers.get("x-forwarded-proto")) }),
    });
    if (intents.size > 0 && principal.kind !== "anonymous") {
      // Queued now, not awaited: the store takes its operations in order, so a later read of the activity sees it,
      // and the answer does not wait for a second fsync. The intent was durable before anything was written; if the
      // process died before this lands, the entry reads "outcome unknown" (recordOutcome never throws).
      for (const [name, intent] of intents) {
        const item = name === "" ? undefined : items.get(name);
        void recordOutcome(auditLog(), name === "" ? audit : { ...audit, resources: undefined }, intent, {
          request, requestId, principal, params, status: item?.status ?? response.status, failure: item ? item.failure : failure,
          touched: name === "" ? touched : [name, ...(item?.touched ?? [])] });
      }
    } else if (audit && failure?.kind !== "audit-unavailable" && !isPermittedDryRun(query, response.status)) {
      await recordWrite(auditLog(), audit, { request, requestId, principal, params, touched, status: response.status, failure });
    }
    const line = { requestId, method: request.method, route: path, status: response.status,
      ...(principal.kind !== "anonymous" && { caller: principal.id }),
      durationMs: Math.round(performance.now() - started),
      ...(failure && { problem: failure.kind, upstream: failure.upstream }) };
    log()[response.status >= 500 ? "error" : response.status >= 400 ? "warn" : "info"](line, "request");
    return response;
  };
}

/** A handler may return a Response with immutable headers (e.g. a fetched one): copy it then. */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  let out = response;
  try {
    for (const [name, value] of Object.entries(headers)) out.headers.set(name, value);
  } catch {
    out = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) out.headers.set(name, value);
  }
  return out;
}

/** Schema errors → 400 with `errors` keyed by field path (`tags.env`); the root is named after the part. */
async function parse(schema: z.ZodType | undefined, input: unknown, part: "params" | "query" | "body"): Promise<unknown> {
  if (!schema) return undefined;
  const result = await schema.safeParseAsync(input);
  if (result.success) return result.data;
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : part;
    (errors[key] ??= []).push(issue.message);
  }
  throw new AppError("bad-request", `The request ${part === "body" ? "body" : part} did not validate.`, { errors });
}

/** A repeated query key becomes an array, so a schema expecting one value rejects it instead of picking one. */
function queryObject(request: Request): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** A JSON response validated (and stripped to the contract) by the response schema: no stray field leaves. */
export function json<S extends z.ZodType>(schema: S, data: z.input<S>, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  headers.set("cache-control", "no-store");
  return Response.json(schema.parse(data), { ...init, headers });
}
