import { request } from "node:https";

/**
 * Waits until `url` answers over HTTPS (any status below 500: a 401 from the vault means it is serving), trusting
 * only `ca`. Bounded: gives up after `attempts` tries.
 */
export async function waitUntilAnswering(url: string, ca: string, attempts = 50, delayMs = 100): Promise<void> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const status = await statusOf(url, ca);
      if (status < 500) return;
      lastError = new Error(`HTTP ${status}`);
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, delayMs));
  }
  throw new Error(`${url} does not answer: ${String(lastError)}`);
}

function statusOf(url: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", ca, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}
