import { randomBytes } from "node:crypto";
import { paths, type KubeClient } from "./kube-client";

const COMPONENT = "secrets-store-sync-controller";

export interface InvolvedSecretSync {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; uid: string; resourceVersion?: string };
}

/**
 * core/v1 Events about a SecretSync, as the controller's event recorder writes them, so `kubectl describe
 * secretsync <name>` shows why a sync failed. Best effort: an event that cannot be written is dropped.
 */
export async function recordEvent(kube: KubeClient, ss: InvolvedSecretSync, type: "Normal" | "Warning", reason: string,
  message: string): Promise<void> {
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const { name, namespace, uid, resourceVersion } = ss.metadata;
  await kube.call("POST", paths.events(namespace), {
    apiVersion: "v1", kind: "Event",
    metadata: { name: `${name}.${randomBytes(8).toString("hex")}`, namespace },
    involvedObject: { apiVersion: ss.apiVersion, kind: ss.kind, name, namespace, uid, resourceVersion },
    type, reason, message: message.slice(0, 1024),
    source: { component: COMPONENT }, reportingComponent: COMPONENT,
    firstTimestamp: now, lastTimestamp: now, count: 1,
  }).catch(() => undefined);
}
