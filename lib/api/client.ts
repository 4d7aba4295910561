/**
 * The browser's one way to call the portal API. Any non-2xx answer becomes an {@link ApiProblem}
 * built from the RFC 9457 problem+json body the route wrapper sends, so every caller handles one error type.
 */
import { currentAccessToken } from "@/lib/auth/access-token";
import { problem } from "@/lib/schemas/problem";

export interface ProblemFields {
  status: number;
  title: string;
  detail: string;
  /** Field path → messages, for 400 answers from the route wrapper's schema validation. */
  errors: Record<string, string[]>;
  /** The request id, when the server sent one: lets an operator match a failure to the server log. */
  requestId: string | null;
}

export class ApiProblem extends Error implements ProblemFields {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: Record<string, string[]>;
  readonly requestId: string | null;

  constructor(fields: ProblemFields) {
    super(fields.detail || fields.title);
    this.name = "ApiProblem";
    this.status = fields.status;
    this.title = fields.title;
    this.detail = fields.detail;
    this.errors = fields.errors;
    this.requestId = fields.requestId;
  }
}

export function isApiProblem(err: unknown): err is ApiProblem {
  return err instanceof ApiProblem;
}

type Query = Record<string, string | number | null | undefined>;

/** Builds `/api/...?a=b`, dropping empty values so the URL (and the query key) stay canonical. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * GETs/sends JSON and validates the answer with `parse` (a zod schema's `parse`), so a response that drifted
 * from the contract fails loudly here instead of rendering half a page.
 */
export async function apiFetch<T>(
  url: string,
  parse: (json: unknown) => T,
  init: RequestInit = {},
): Promise<T> {
  let token: string | null;
  try {
    token = await currentAccessToken();
  } catch {
    // The provider has already sent the browser to sign in again (session expired); nothing to show meanwhile.
    throw new ApiProblem({
      status: 401, title: "Sign-in required", requestId: null, errors: {},
      detail: "Your session has expired. Signing you in again…",
    });
  }
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { accept: "application/json", ...(token && { authorization: `Bearer ${token}` }), ...init.headers },
    });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new ApiProblem({
      status: 0, title: "Network error", requestId: null, errors: {},
      detail: "The portal server could not be reached. Check that it is running, then retry.",
    });
  }
  if (!res.ok) throw await problemFrom(res);
  if (res.status === 204) return parse(undefined);
  return parse(await res.json());
}

async function problemFrom(res: Response): Promise<ApiProblem> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // A proxy or a crashed server may answer with HTML or nothing: fall back to the status line.
  }
  const parsed = problem.safeParse(body);
  if (parsed.success) {
    const p = parsed.data;
    return new ApiProblem({ status: res.status, title: p.title, detail: p.detail, errors: p.errors ?? {}, requestId: p.requestId });
  }
  return new ApiProblem({
    status: res.status,
    title: res.statusText || `HTTP ${res.status}`,
    detail: `The portal answered ${res.status} ${res.statusText} without a problem description.`.replace("  ", " "),
    errors: {},
    requestId: res.headers.get("x-request-id"),
  });
}
