"use client";

import { MsalProvider } from "@azure/msal-react";
import { useState, type ReactNode } from "react";
import type { AuthBrowserConfig } from "@/lib/auth/browser-config";
import { msalFor } from "@/lib/auth/msal-client";

/**
 * MSAL for the whole app, configured by the server at request time (root layout), so one build serves Azure and
 * the local stack. MSAL exists only in the browser: the server render has no session.
 */
export function AuthProvider({ config, children }: { config: AuthBrowserConfig; children: ReactNode }) {
  const [instance] = useState(() => (typeof window === "undefined" ? null : msalFor(config)));
  if (!instance) return <>{children}</>;
  return <MsalProvider instance={instance}>{children}</MsalProvider>;
}
