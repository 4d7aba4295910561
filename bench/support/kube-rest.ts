import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { parse } from "yaml";

/**
 * Plain HTTPS to the Kubernetes stand-in with the kubeconfig's server, bearer token and CA — what any client
 * does, without an SDK (bench/ may not import one). Keep-alive agent so timings measure the server, not TLS.
 */
export class KubeRest {
  readonly server: string;
  private readonly token: string;
  private readonly agent: Agent;

  constructor(kubeconfigFile: string) {
    const kc = parse(readFileSync(kubeconfigFile, "utf8")) as {
      clusters: { cluster: { server: string; "certificate-authority"?: string } }[];
      users: { user: { token: string } }[];
    };
    const cluster = kc.clusters[0]!.cluster;
    this.server = cluster.server.replace(/\/$/, "");
    this.token = kc.users[0]!.user.token;
    this.agent = new Agent({ keepAlive: true, maxSockets: 64, ca: readFileSync(cluster["certificate-authority"]!, "utf8") });
  }

  async json<T = unknown>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<T> {
    const r = await this.call(method, path, body === undefined ? undefined : JSON.stringify(body), contentType);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
    return JSON.parse(r.text) as T;
  }

  /** A watch stream: calls `onLine` per event line until `stop()`. Resolves once headers arrived. */
  watch(path: string, onEvent: (e: { type: string; object: { metadata: { name: string; resourceVersion: string }; data?: Record<string, string> } }) => void): Promise<{ stop(): void }> {
    return new Promise((resolve, reject) => {
      const req = request(`${this.server}${path}`, { agent: this.agent, headers: { authorization: `Bearer ${this.token}` } }, (res) => {
        let buf = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buf += chunk;
          for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
            const line = buf.slice(0, i);
            buf = buf.slice(i + 1);
            if (line.trim()) onEvent(JSON.parse(line));
          }
        });
        res.on("error", () => undefined);
        resolve({ stop: () => req.destroy() });
      });
      req.on("error", (err) => ((err as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(err)));
      req.end();
    });
  }

  private call(method: string, path: string, body: string | undefined, contentType: string) {
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${this.server}${path}`, {
        method, agent: this.agent, timeout: 60_000,
        headers: { authorization: `Bearer ${this.token}`, accept: "application/json", ...(body ? { "content-type": contentType } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      });
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on("error", reject);
      req.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}
