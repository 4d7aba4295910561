import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { BodyTooLargeError, readBody } from "./body";

/**
 * Test hooks every stand-in serves under `/_stack/` (docs/architecture.md "Test hooks"): injected faults, added
 * latency and call counts. Framework-free: the stand-in authenticates the caller, then hands the request over.
 * They do not exist in Azure or Kubernetes; the portal never calls them.
 */
export interface InjectedFault { status: number; retryAfterSeconds?: number }

/**
 * Fault mode `reset-after-commit`: serve the request as usual (state changed, journaled), then destroy the
 * connection instead of answering — the client cannot tell whether its write happened, which is what retries and
 * idempotency keys are for.
 */
export interface ResetAfterCommit { resetAfterCommit: true }

/** `Verdict` is what `beforeServe` may return besides null: a status fault, or also a reset for stand-ins that opt in. */
export interface TestHooks<Verdict = InjectedFault> {
  /** Serves `/_stack/…`; true if the path was a hook path (answered here), false to let the stand-in route it. */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean>;
  /**
   * Call before serving an API request: counts it under `<METHOD> <routeTemplate>`, waits the configured latency,
   * and returns the fault to answer with when one matches (`match.path` is tested against `path`, the request's
   * path, and against the route template).
   */
  beforeServe(method: string, routeTemplate: string, path?: string): Promise<Verdict | null>;
}

export interface TestHooksOptions {
  /** The stand-in's own error body for a refused hook request (Azure `{error}`, Kubernetes `Status`). */
  errorBody?(status: number, message: string): unknown;
  /**
   * The stand-in honours `"mode": "reset-after-commit"` (beforeServe may return {@link ResetAfterCommit}). Without
   * it, such a fault is refused with 400 when posted, rather than accepted and never applied.
   */
  resetAfterCommit?: boolean;
}

const RESET = "reset-after-commit";

const faultInput = z.object({
  match: z.object({
    method: z.string().regex(/^[A-Za-z]{1,16}$/, "must be an HTTP method").optional(),
    path: z.string().max(1000).refine(compiles, "must be a valid regular expression").optional(),
  }).strict().default({}),
  mode: z.enum(["status", RESET]).default("status"),
  status: z.number().int().min(400).max(599).optional(),                // required in mode "status"
  times: z.number().int().min(1).max(1_000_000).optional(),             // omitted: until DELETE /_stack/faults
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),       // 429 defaults to 1
}).strict().superRefine((f, ctx) => {
  if (f.mode === "status" && f.status === undefined) {
    ctx.addIssue({ code: "custom", path: ["status"], message: "required unless mode is reset-after-commit" });
  }
});

const latencyInput = z.object({ ms: z.number().int().min(0).max(60_000) }).strict();

interface Fault { method?: string; path?: RegExp; source: z.infer<typeof faultInput>; remaining: number }

const MAX_BODY = 64 * 1024;

export function createTestHooks(options?: TestHooksOptions & { resetAfterCommit?: false }): TestHooks;
export function createTestHooks(options: TestHooksOptions & { resetAfterCommit: true }): TestHooks<InjectedFault | ResetAfterCommit>;
export function createTestHooks(options: TestHooksOptions = {}): TestHooks<InjectedFault | ResetAfterCommit> {
  const errorBody = options.errorBody ?? ((status, message) => ({ error: { code: status === 405 ? "MethodNotAllowed" : "BadParameter", message } }));
  let faults: Fault[] = [];
  let latencyMs = 0;
  let stats = { total: 0, byRoute: {} as Record<string, number> };

  const send = (res: ServerResponse, status: number, body?: unknown) => {
    if (body === undefined) { res.writeHead(status).end(); return; }
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, status: number, message: string) => send(res, status, errorBody(status, message));

  async function readJson<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.output<T> | string> {
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_BODY);
    } catch (err) {
      return err instanceof BodyTooLargeError ? `The request body exceeds ${MAX_BODY} bytes.` : "The request body could not be read.";
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
    } catch {
      return "The request body is not valid JSON.";
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    return `Invalid value for '${issue?.path.join(".") || "body"}': ${issue?.message ?? "invalid"}.`;
  }

  const describe = () => faults.map((f) => ({ ...f.source, remaining: Number.isFinite(f.remaining) ? f.remaining : null }));

  const routes: Record<string, Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void> | void>> = {
    "/_stack/faults": {
      GET: (_req, res) => send(res, 200, { faults: describe() }),
      POST: async (req, res) => {
        const input = await readJson(req, faultInput);
        if (typeof input === "string") return refuse(res, 400, input);
        if (input.mode === RESET && !options.resetAfterCommit) {
          return refuse(res, 400, `Invalid value for 'mode': this stand-in does not support ${RESET}.`);
        }
        faults.push({
          ...(input.match.method ? { method: input.match.method.toUpperCase() } : {}),
          ...(input.match.path ? { path: new RegExp(input.match.path) } : {}),
          source: input, remaining: input.times ?? Number.POSITIVE_INFINITY,
        });
        send(res, 201, { faults: describe() });
      },
      DELETE: (_req, res) => { faults = []; send(res, 204); },
    },
    "/_stack/latency": {
      GET: (_req, res) => send(res, 200, { ms: latencyMs }),
      PUT: async (req, res) => {
        const input = await readJson(req, latencyInput);
        if (typeof input === "string") return refuse(res, 400, input);
        latencyMs = input.ms;
        send(res, 200, { ms: latencyMs });
      },
    },
    "/_stack/stats": {
      GET: (_req, res) => send(res, 200, stats),
      DELETE: (_req, res) => { stats = { total: 0, byRoute: {} }; send(res, 204); },
    },
  };

  return {
    async handle(req, res, pathname) {
      if (pathname !== "/_stack" && !pathname.startsWith("/_stack/")) return false;
      const methods = routes[pathname.replace(/\/+$/, "")];
      const method = (req.method ?? "GET").toUpperCase();
      const serve = methods?.[method];
      if (!serve) {
        req.resume();
        if (!methods) refuse(res, 404, `There is no test hook at ${pathname.slice(0, 200)}.`);
        else { res.setHeader("Allow", Object.keys(methods).join(", ")); refuse(res, 405, `The method ${method.slice(0, 20)} is not allowed on ${pathname}.`); }
        return true;
      }
      if (method === "GET" || method === "DELETE") req.resume();
      await serve(req, res);
      return true;
    },

    async beforeServe(method, routeTemplate, path) {
      const upper = method.toUpperCase();
      const key = `${upper} ${routeTemplate}`;
      stats.total += 1;
      stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
      if (latencyMs > 0) await sleep(latencyMs);
      const fault = faults.find((f) => (!f.method || f.method === upper) &&
        (!f.path || f.path.test(path ?? routeTemplate) || f.path.test(routeTemplate)));
      if (!fault) return null;
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
      const { mode, status } = fault.source;
      if (mode === RESET || status === undefined) return { resetAfterCommit: true };
      const retryAfterSeconds = fault.source.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
      return { status, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
    },
  };
}

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
