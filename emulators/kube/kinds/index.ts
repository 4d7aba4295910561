import { configMapKind } from "./config-map";
import { dataflowEndpointKind } from "./dataflow-endpoint";
import { deviceKind } from "./device";
import { eventKind } from "./event";
import { instanceKind } from "./instance";
import { namespaceKind } from "./namespace";
import { secretKind } from "./secret";
import { secretProviderClassKind } from "./secret-provider-class";
import { secretSyncKind } from "./secret-sync";
import { serviceAccountKind } from "./service-account";
import type { KindDefinition } from "./types";

/** Every kind the Kubernetes stand-in serves; discovery lists groups in this order (core first). */
export const KINDS: readonly KindDefinition[] = [
  namespaceKind, secretKind, configMapKind, serviceAccountKind, eventKind,
  secretProviderClassKind, secretSyncKind, deviceKind, dataflowEndpointKind, instanceKind,
];

export {
  configMapKind, dataflowEndpointKind, deviceKind, eventKind, instanceKind, namespaceKind, secretKind,
  secretProviderClassKind, secretSyncKind, serviceAccountKind,
};
