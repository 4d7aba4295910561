import type { ReactNode } from "react";
import { RequireSignIn } from "@/components/auth/require-sign-in";
import { AppShell } from "@/components/shell/app-shell";

export default function PortalLayout({ children }: { children: ReactNode }) {
  return (
    <RequireSignIn>
      <AppShell>{children}</AppShell>
    </RequireSignIn>
  );
}
