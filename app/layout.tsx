import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AuthProvider } from "@/components/auth/auth-provider";
import { QueryProvider } from "@/components/providers/query-provider";
import { authBrowserConfig } from "@/server/auth/browser-config";
import { getConfig } from "@/server/config/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ops Portal", template: "%s · Ops Portal" },
  description: "Manage the secrets that Azure IoT Operations endpoints use, with Azure Key Vault as the source of truth.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request: the CSP nonce (proxy.ts) and the sign-in settings come from this request's server.
  await connection();
  return (
    <html lang="en">
      <body className="bg-slate-50 text-slate-900 antialiased">
        <AuthProvider config={authBrowserConfig(getConfig().auth)}>
          <QueryProvider>{children}</QueryProvider>
        </AuthProvider>
      </body>
    </html>
  );
}
