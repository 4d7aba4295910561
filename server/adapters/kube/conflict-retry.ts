import "server-only";
import { AppError } from "@/server/errors";
import { isStaleWrite } from "@/server/adapters/kube/errors";

/**
 * Read-modify-write against optimistic concurrency: a write carrying a stale `metadata.resourceVersion` gets 409
 * Conflict, and the cure is to re-read and apply the change again (Kubernetes API conventions). Bounded, with a
 * jittered backoff so competing writers (other portal replicas, the CLI, ARM's projection) spread out.
 */
export interface ConflictRetryOptions {
  attempts?: number;
  baseDelayMs?: number;
}

export async function retryOnConflict<T>(what: string, attempt: () => Promise<T>, o: ConflictRetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, o.attempts ?? 5);
  const base = o.baseDelayMs ?? 20;
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isStaleWrite(err)) throw err;
      if (i >= attempts) {
        throw new AppError("conflict", `${what} kept changing while the portal wrote it (${attempts} attempts); try again.`,
          { upstream: { service: "kubernetes", code: "Conflict" } });
      }
      await sleep(base * 2 ** (i - 1) * (0.5 + Math.random()));
    }
  }
}

/**
 * Runs the tasks given for one key one after another, in order. The portal's own concurrent edits of one object
 * (operators adding secrets at once) then never race each other; retryOnConflict handles writers outside it.
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
