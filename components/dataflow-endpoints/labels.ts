import { DATAFLOW_AUTHENTICATION_METHOD_LABELS } from "@/lib/schemas/dataflow-endpoint-labels";

/** An authentication method in words (AIO's value stays in the tooltip); LocalStorage has none. */
export function authenticationMethodLabel(method: string): string {
  if (method === "") return "None";
  return DATAFLOW_AUTHENTICATION_METHOD_LABELS[method] ?? method;
}

/** Where an endpoint's form is. */
export function dataflowEndpointHref(name: string): string {
  return `/dataflow-endpoints/${encodeURIComponent(name)}`;
}
