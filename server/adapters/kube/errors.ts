import "server-only";
import { isNetworkErrorCode, isTimeoutErrorCode } from "@/server/adapters/network-error-codes";
import { AppError } from "@/server/errors";

/**
 * Kubernetes API failures → AppError. client-node rejects with an ApiException whose `code` is the HTTP status and
 * whose `body` is the API server's `Status` as a JSON *string* (toolchain-clients.md §4); network failures come
 * from undici (`TypeError: fetch failed` with the socket error as `cause`). Works on those shapes, so tests can
 * feed it real errors. Messages are ours plus the API server's own `Status` text, which names objects and fields
 * but never a Secret's data (the portal writes no Secrets).
 */

export type KubeOperation = "list" | "get" | "create" | "update" | "delete";

export interface KubeErrorContext {
  operation: KubeOperation;
  /** `SecretSync`, `SecretProviderClass`, … */
  kind: string;
  /** Lower-case plural for the permission hint, e.g. `secretsyncs.secret-sync.x-k8s.io`. */
  resource: string;
  namespace: string;
  name?: string;
  /** From KubeConnection.cluster. */
  cluster: string;
}

interface KubeStatus {
  reason?: string;
  message?: string;
  details?: { causes?: { reason?: string; message?: string; field?: string }[]; retryAfterSeconds?: number };
}


export function mapKubeError(err: unknown, ctx: KubeErrorContext): AppError {
  if (err instanceof AppError) return err;
  const e = (typeof err === "object" && err !== null ? err : {}) as {
    name?: string; code?: unknown; body?: unknown; headers?: Record<string, string>; cause?: { code?: string; name?: string };
  };
  const what = ctx.name ? `${ctx.kind} '${ctx.name}'` : `${ctx.kind} objects`;
  const where = `namespace '${ctx.namespace}' of ${ctx.cluster}`;
  const upstream = (code: string | null, status?: 502 | 503 | 504) =>
    ({ service: "kubernetes" as const, code, ...(status && { status }) });

  // An HTTP answer is an ApiException with the status as `code`; a DOMException (our deadline's TimeoutError)
  // also has a numeric `code` (23), so the name is checked first.
  const timedOut = e.name === "TimeoutError" || e.name === "AbortError" || e.cause?.name === "TimeoutError";
  if (timedOut || typeof e.code !== "number" || e.code < 100 || e.code > 599) {
    const cause = e.cause?.code ?? e.cause?.name ?? (typeof e.code === "string" ? e.code : undefined);
    if (timedOut || isTimeoutErrorCode(cause)) {
      return new AppError("upstream", `The Kubernetes API of ${ctx.cluster} did not answer in time.`,
        { upstream: upstream(cause ?? "Timeout", 504) });
    }
    if (isNetworkErrorCode(cause)) {
      return new AppError("upstream", `The Kubernetes API of ${ctx.cluster} is unreachable (${cause}).`,
        { upstream: upstream(cause, 503) });
    }
    return new AppError("internal", `Unexpected failure talking to the Kubernetes API of ${ctx.cluster}.`);
  }

  const status = parseStatus(e.body);
  const reason = status.reason ?? null;
  const message = status.message ? ` ${status.message}` : "";
  switch (e.code) {
    case 400:
      return new AppError("bad-request", `The Kubernetes API refused the ${ctx.operation} of ${what}:${message}`,
        { upstream: upstream(reason), errors: unknownFieldErrors(status.message) });
    case 401:
      return new AppError("upstream", `${ctx.cluster} refused the portal's credentials (${reason ?? "Unauthorized"}). ` +
        "Check the portal's kubeconfig or service account token.", { upstream: upstream(reason ?? "Unauthorized") });
    case 403:
      return new AppError("forbidden", `The portal may not ${ctx.operation} ${ctx.resource} in ${where}: ` +
        `grant its service account '${ctx.operation}' on ${ctx.resource} there.`, { upstream: upstream(reason ?? "Forbidden") });
    case 404:
      return new AppError("not-found", `${what} was not found in ${where}.`, { upstream: upstream(reason ?? "NotFound") });
    case 409:
      if (reason === "AlreadyExists") {
        return new AppError("conflict", `${what} already exists in ${where}.`, { upstream: upstream(reason) });
      }
      return new AppError("conflict", `${what} was changed by someone else meanwhile; reload it and try again.`,
        { upstream: upstream(reason ?? "Conflict") });
    case 410:
      return new AppError("conflict", `The list of ${ctx.kind} objects changed too much while it was read; try again.`,
        { upstream: upstream(reason ?? "Expired") });
    case 422:
      return new AppError("bad-request", `The Kubernetes API refused ${what}:${message}`,
        { upstream: upstream(reason ?? "Invalid"), errors: fieldErrors(status) });
    case 429:
      return new AppError("too-many-requests", `The Kubernetes API of ${ctx.cluster} is throttling requests; retry shortly.`,
        { upstream: upstream(reason ?? "TooManyRequests"), retryAfterSeconds: retryAfter(e.headers, status) ?? 1 });
    case 503:
      return new AppError("upstream", `The Kubernetes API of ${ctx.cluster} is unavailable (${reason ?? "ServiceUnavailable"}).`,
        { upstream: upstream(reason ?? "ServiceUnavailable", 503), retryAfterSeconds: retryAfter(e.headers, status) });
    case 504:
      return new AppError("upstream", `The Kubernetes API of ${ctx.cluster} timed out (${reason ?? "Timeout"}).`,
        { upstream: upstream(reason ?? "Timeout", 504) });
    default:
      return new AppError("upstream", `The Kubernetes API of ${ctx.cluster} answered ${e.code} (${reason ?? "unknown"}) ` +
        `to the ${ctx.operation} of ${what}.`, { upstream: upstream(reason ?? String(e.code), 502) });
  }
}

/** 409 from a stale resourceVersion (not AlreadyExists): worth a re-read and another try. */
export function isStaleWrite(err: unknown): boolean {
  return err instanceof AppError && err.status === 409 && err.upstream?.service === "kubernetes"
    && err.upstream.code === "Conflict";
}

function parseStatus(body: unknown): KubeStatus {
  if (typeof body === "object" && body !== null) return body as KubeStatus;
  if (typeof body !== "string") return {};
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === "object" && parsed !== null ? (parsed as KubeStatus) : {};
  } catch {
    return {};
  }
}

/** 422 causes, keyed by the API server's field path (`spec.secretObject.data[0].targetKey`). */
function fieldErrors(status: KubeStatus): Record<string, string[]> | undefined {
  const causes = status.details?.causes ?? [];
  if (causes.length === 0) return undefined;
  const errors: Record<string, string[]> = {};
  for (const c of causes) (errors[c.field || "body"] ??= []).push(c.message ?? c.reason ?? "Invalid value");
  return errors;
}

/**
 * `fieldValidation=Strict` refusals name each field in the message (`strict decoding error: unknown field
 * "spec.foo", unknown field "spec.bar"`): keyed by that path, as 422 causes are.
 */
function unknownFieldErrors(message: string | undefined): Record<string, string[]> | undefined {
  const fields = [...(message ?? "").matchAll(/unknown field "([^"]+)"/g)].map((m) => m[1]!);
  if (fields.length === 0) return undefined;
  return Object.fromEntries(fields.map((f) => [f, [`unknown field "${f}"`]]));
}

function retryAfter(headers: Record<string, string> | undefined, status: KubeStatus): number | undefined {
  const raw = headers?.["retry-after"];
  const seconds = raw !== undefined ? Number(raw) : status.details?.retryAfterSeconds;
  return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}
