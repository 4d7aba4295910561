import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { APP_ROLES } from "@/lib/auth/roles";
import { forgetRoles, rememberRolesOf } from "@/lib/auth/session-roles";

/** DOM-test helpers for the devices components (not imported by the portal itself). */

/** A fresh client per test, no retries (a refused call shows at once). */
export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

export function withQueryClient(client: QueryClient, ui: ReactNode) {
  return <QueryClientProvider client={client}>{ui}</QueryClientProvider>;
}

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");

/** Signs in as an operator or a reader, as the UI learns roles: from an (unverified) access token's `roles`. */
export function signInAs(level: "operator" | "reader"): void {
  forgetRoles();
  rememberRolesOf(`${b64url({ alg: "none", typ: "JWT" })}.${b64url({ roles: [APP_ROLES[level]] })}.sig`);
}

/** jsdom has no modal dialogs: open/close as the browser does (close fires "close"). */
export function polyfillDialog(): void {
  const proto = HTMLDialogElement.prototype;
  proto.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  proto.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute("open")) return;
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
}
