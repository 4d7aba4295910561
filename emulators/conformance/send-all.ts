import type { MalformedRequest } from "./malformed-identity-requests";
import { rawRequest, type RawResponse } from "./raw-request";

export interface Answer { request: MalformedRequest; status: number; body: string; transportError?: string }

/** Sends every request, `concurrency` at a time (bounded, so the run stays light on 2 cores). */
export async function sendAll(baseUrl: string, ca: string, requests: MalformedRequest[], concurrency = 8): Promise<Answer[]> {
  const answers: Answer[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      const r = requests[i]!;
      try {
        const res: RawResponse = await rawRequest({ url: baseUrl, rawPath: r.path, method: r.method, headers: r.headers,
          body: r.body, ca, timeoutMs: 20_000 });
        answers[i] = { request: r, status: res.status, body: res.body };
      } catch (err) {
        answers[i] = { request: r, status: 0, body: "", transportError: (err as Error).message };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}

/** Answers that break the rule "refused with a 4xx (or, where allowed, served), never a 5xx or a dropped connection". */
export function wrongStatuses(answers: Answer[]): string[] {
  return answers.filter((a) => a.status === 0 || a.status >= 500 || (a.request.expect === "4xx" && (a.status < 400 || a.status >= 500)))
    .map(describe);
}

/** 4xx answers whose body does not say what was wrong (`clear` decides); Node's own 431 has no body by design. */
export function unclearBodies(answers: Answer[], clear: (body: unknown, a: Answer) => boolean): string[] {
  return answers.filter((a) => a.status >= 400 && a.status < 500 && a.status !== 431).filter((a) => {
    try {
      return !clear(JSON.parse(a.body), a);
    } catch {
      return true;
    }
  }).map(describe);
}

export function describe(a: Answer): string {
  return `${a.request.name} [${a.request.method} ${a.request.path.slice(0, 80)}] → ${a.status || a.transportError} ${a.body.slice(0, 160)}`;
}
