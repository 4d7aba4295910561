"use client";

import { InteractionStatus } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { AuthBrowserConfig } from "@/lib/auth/browser-config";
import { signIn } from "@/lib/auth/msal-client";
import { sameOriginPath } from "@/lib/auth/same-origin";

export function SignInPanel({ config }: { config: AuthBrowserConfig }) {
  const { instance, accounts, inProgress } = useMsal();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [returnTo, setReturnTo] = useState("/");

  useEffect(() => {
    // Only the portal's own pages: a `returnTo` in a link must never send the operator to another site.
    const raw = new URLSearchParams(window.location.search).get("returnTo");
    setReturnTo(sameOriginPath(raw, window.location.origin)); // eslint-disable-line react-hooks/set-state-in-effect
  }, []);

  // Already signed in (e.g. the back button): go where the visitor was heading.
  useEffect(() => {
    if (inProgress === InteractionStatus.None && accounts.length > 0) router.replace(returnTo);
  }, [inProgress, accounts.length, returnTo, router]);

  const busy = inProgress !== InteractionStatus.None;
  // MSAL 5 reports a sign-in redirect as AcquireToken (it has no Login status), and its return as HandleRedirect.
  const signingIn = inProgress === InteractionStatus.AcquireToken || inProgress === InteractionStatus.HandleRedirect;
  const start = () => {
    setError(null);
    signIn(instance, config.apiScopes, returnTo).catch(() =>
      setError("The sign-in could not start. Check that the identity provider is reachable, then try again."));
  };

  return (
    <section aria-labelledby="sign-in-heading" data-testid="sign-in-page"
      className="w-full max-w-md rounded-lg border border-slate-200 bg-white px-8 py-8 shadow-sm">
      <h1 id="sign-in-heading" className="text-2xl font-semibold text-slate-900">Sign in to Ops Portal</h1>
      <p className="mt-2 text-sm text-slate-700">
        Ops Portal manages the secrets that Azure IoT Operations endpoints use. Sign in with your organisation&apos;s
        Microsoft Entra ID account; what you may change depends on your role (Secrets reader or Secrets operator).
      </p>
      {error ? <Alert className="mt-4" tone="danger" role="alert" title="Sign-in failed">{error}</Alert> : null}
      <Button variant="primary" className="mt-6 w-full" onClick={start} disabled={busy} data-testid="sign-in-button">
        {signingIn ? "Signing in…" : "Sign in"}
      </Button>
    </section>
  );
}
