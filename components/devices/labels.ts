import { ENDPOINT_TYPES } from "@/lib/schemas/device-form";

/** How the portal names endpoint types and authentication methods (the resource's values stay in tooltips). */
const ENDPOINT_TYPE_LABELS: Record<string, string> = {
  [ENDPOINT_TYPES.opcUa]: "OPC UA",
  [ENDPOINT_TYPES.onvif]: "ONVIF",
};

export function endpointTypeLabel(endpointType: string): string {
  return ENDPOINT_TYPE_LABELS[endpointType] ?? endpointType;
}

const AUTHENTICATION_LABELS: Record<string, string> = {
  Anonymous: "Anonymous",
  UsernamePassword: "Username password",
  Certificate: "Certificate",
};

export function authenticationLabel(method: string): string {
  return AUTHENTICATION_LABELS[method] ?? method;
}
