import "server-only";
import { stringify } from "yaml";
import type { DeviceSpec } from "@/lib/schemas/device";
import type { SecretSyncMapping } from "@/lib/schemas/secret-sync";
import { DEVICE } from "@/server/adapters/kube/kinds/device";
import { SECRET_SYNC } from "@/server/adapters/kube/kinds/secret-sync";

/**
 * The review's YAML: each object as the save will write it, in the shape `kubectl get -o yaml` shows, without
 * what the server sets (status, managedFields, uid, resourceVersion, generation, creationTimestamp) and without
 * `last-applied-configuration` (a copy of the object). Neither kind holds a secret value: only names.
 */
const HIDDEN_ANNOTATIONS = ["kubectl.kubernetes.io/last-applied-configuration"];

interface Meta {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface SecretSyncYamlInput extends Meta {
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

export function deviceYaml(d: Meta & { spec: DeviceSpec }): string {
  return toYaml({ apiVersion: `${DEVICE.group}/${DEVICE.version}`, kind: DEVICE.kind, metadata: metadata(d), spec: d.spec });
}

function metadata(m: Meta): Record<string, unknown> {
  const annotations = Object.fromEntries(Object.entries(m.annotations ?? {}).filter(([k]) => !HIDDEN_ANNOTATIONS.includes(k)));
  return { name: m.name, namespace: m.namespace,
    ...(m.labels && Object.keys(m.labels).length > 0 && { labels: m.labels }),
    ...(Object.keys(annotations).length > 0 && { annotations }) };
}

function toYaml(o: unknown): string {
  return stringify(o, { lineWidth: 0 });
}
