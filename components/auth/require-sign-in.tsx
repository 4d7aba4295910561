"use client";

import { InteractionStatus } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { currentAccessToken } from "@/lib/auth/access-token";

type Gate = "checking" | "signed-in" | "failed";

/**
 * The portal's pages for signed-in people only: without a session the visitor is sent to the sign-in page (and
 * comes back here afterwards). Children render once a first access token is in hand, so every API call they make
 * carries one and the header knows the person's roles. The server enforces sign-in regardless.
 */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { accounts, inProgress } = useMsal();
  const router = useRouter();
  const [gate, setGate] = useState<Gate>("checking");
  const signedIn = accounts.length > 0;

  useEffect(() => {
    if (inProgress !== InteractionStatus.None) return;
    if (!signedIn) {
      const here = `${window.location.pathname}${window.location.search}`;
      router.replace(`/sign-in?returnTo=${encodeURIComponent(here)}`);
      return;
    }
    let live = true;
    currentAccessToken().then(
      () => live && setGate("signed-in"),
      // The provider is redirecting to sign in again (session over); "failed" only shows if it could not.
      () => live && setGate("failed"),
    );
    return () => {
      live = false;
    };
  }, [inProgress, signedIn, router]);

  if (gate === "signed-in" && signedIn) return <>{children}</>;
  return (
    <div role="status" aria-live="polite" data-testid="auth-checking" className="flex min-h-screen items-center justify-center text-sm text-slate-700">
      {gate === "failed" ? "Your session could not be renewed. Reload the page to sign in again." : "Checking your sign-in…"}
    </div>
  );
}
