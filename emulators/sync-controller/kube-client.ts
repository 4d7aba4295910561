import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import { HttpsClient, type HttpsResponse } from "./https-json";

/** A Kubernetes `Status` error as the API server answers it (reason e.g. NotFound, Conflict, Expired, Invalid). */
export class KubeApiError extends Error {
  constructor(readonly status: number, readonly reason: string, message: string,
    readonly details?: { causes?: { reason?: string; message?: string; field?: string }[] }) {
    super(message);
  }
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string; generation?: number;
    labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

interface KubeconfigFile {
  "current-context"?: string;
  contexts?: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  clusters?: { name: string; cluster: { server: string; "certificate-authority"?: string; "certificate-authority-data"?: string } }[];
  users?: { name: string; user: { token?: string } }[];
}

/**
 * The controller's view of the API server, from a kubeconfig (server URL, CA, bearer token), as a controller out of
 * the cluster would load it. Plain REST: JSON bodies, `Status` errors thrown as KubeApiError.
 */
export class KubeClient {
  readonly http: HttpsClient;

  private constructor(readonly server: string, private readonly token: string, ca: string) {
    this.http = new HttpsClient(ca);
  }

  static async fromKubeconfig(file: string): Promise<KubeClient> {
    const cfg = parse(await readFile(file, "utf8")) as KubeconfigFile;
    const context = cfg.contexts?.find((c) => c.name === cfg["current-context"])?.context;
    const cluster = cfg.clusters?.find((c) => c.name === context?.cluster)?.cluster;
    const token = cfg.users?.find((u) => u.name === context?.user)?.user.token;
    if (!cluster || !token) throw new Error(`${file}: the current context needs a cluster and a user with a token`);
    const ca = cluster["certificate-authority-data"]
      ? Buffer.from(cluster["certificate-authority-data"], "base64").toString("utf8")
      : await readFile(resolve(dirname(file), cluster["certificate-authority"] ?? ""), "utf8");
    return new KubeClient(cluster.server.replace(/\/$/, ""), token, ca);
  }

  url(path: string): URL {
    return new URL(path, `${this.server}/`);
  }

  get authorization(): string {
    return `Bearer ${this.token}`;
  }

  async call<T = KubeObject>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<T> {
    const r = await this.http.send({
      method, url: this.url(path), body: body === undefined ? undefined : JSON.stringify(body),
      headers: { authorization: this.authorization, ...(body === undefined ? {} : { "content-type": contentType }) },
    });
    if (r.status >= 200 && r.status < 300) return r.json as T;
    throw statusError(r);
  }

  /** GET, or undefined on 404. */
  async find<T = KubeObject>(path: string): Promise<T | undefined> {
    try {
      return await this.call<T>("GET", path);
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  close(): void {
    this.http.close();
  }
}

export function statusError(r: Pick<HttpsResponse, "status" | "json" | "text">): KubeApiError {
  const s = (r.json ?? {}) as { reason?: string; message?: string; details?: KubeApiError["details"] };
  return new KubeApiError(r.status, s.reason ?? `HTTP${r.status}`, s.message ?? (r.text.slice(0, 300) || `HTTP ${r.status}`),
    s.details);
}

/** REST paths of the kinds the controller uses. */
export const paths = {
  secretSyncs: () => "/apis/secret-sync.x-k8s.io/v1alpha1/secretsyncs",
  secretSync: (ns: string, name: string) => `/apis/secret-sync.x-k8s.io/v1alpha1/namespaces/${ns}/secretsyncs/${name}`,
  secretProviderClass: (ns: string, name: string) =>
    `/apis/secrets-store.csi.x-k8s.io/v1/namespaces/${ns}/secretproviderclasses/${name}`,
  secrets: (ns: string) => `/api/v1/namespaces/${ns}/secrets`,
  secret: (ns: string, name: string) => `/api/v1/namespaces/${ns}/secrets/${name}`,
  serviceAccountToken: (ns: string, name: string) => `/api/v1/namespaces/${ns}/serviceaccounts/${name}/token`,
  events: (ns: string) => `/api/v1/namespaces/${ns}/events`,
};
