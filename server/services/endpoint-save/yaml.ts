import "server-only";
import { stringify } from "yaml";
import type { SecretSyncMapping } from "@/lib/schemas/secret-sync";
import type { CustomKind } from "@/server/adapters/kube/custom-resources";
import { SECRET_SYNC } from "@/server/adapters/kube/kinds/secret-sync";

/**
 * The review's YAML: each object as the save will write it, in the shape `kubectl get -o yaml` shows, without
 * what the server sets (status, managedFields, uid, resourceVersion, generation, creationTimestamp) and without
 * `last-applied-configuration` (a copy of the object). None of these kinds holds a secret value: only names.
 */
const HIDDEN_ANNOTATIONS = ["kubectl.kubernetes.io/last-applied-configuration"];

export interface YamlMeta {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface SecretSyncYamlInput extends YamlMeta {
  secretProviderClassName: string;
  serviceAccountName: string;
  secretType: string;
  data: readonly SecretSyncMapping[];
  forceSynchronization?: string | null;
  secretLabels?: Record<string, string>;
  secretAnnotations?: Record<string, string>;
}

export function secretSyncYaml(s: SecretSyncYamlInput): string {
  const secretObject: Record<string, unknown> = { type: s.secretType,
    data: s.data.map((m) => ({ sourcePath: m.sourcePath, targetKey: m.targetKey })) };
  if (s.secretLabels && Object.keys(s.secretLabels).length > 0) secretObject.labels = s.secretLabels;
  if (s.secretAnnotations && Object.keys(s.secretAnnotations).length > 0) secretObject.annotations = s.secretAnnotations;
  return toYaml({
    apiVersion: `${SECRET_SYNC.group}/${SECRET_SYNC.version}`,
    kind: SECRET_SYNC.kind,
    metadata: metadata(s),
    spec: { secretProviderClassName: s.secretProviderClassName, serviceAccountName: s.serviceAccountName, secretObject,
      ...(s.forceSynchronization && { forceSynchronization: s.forceSynchronization }) },
  });
}

/** A custom resource the portal writes whole (Device, DataflowEndpoint): metadata and spec. */
export function resourceYaml(kind: CustomKind, r: YamlMeta & { spec: unknown }): string {
  return toYaml({ apiVersion: `${kind.group}/${kind.version}`, kind: kind.kind, metadata: metadata(r), spec: r.spec });
}

function metadata(m: YamlMeta): Record<string, unknown> {
  const annotations = Object.fromEntries(Object.entries(m.annotations ?? {}).filter(([k]) => !HIDDEN_ANNOTATIONS.includes(k)));
  return { name: m.name, namespace: m.namespace,
    ...(m.labels && Object.keys(m.labels).length > 0 && { labels: m.labels }),
    ...(Object.keys(annotations).length > 0 && { annotations }) };
}

function toYaml(o: unknown): string {
  return stringify(o, { lineWidth: 0 });
}
