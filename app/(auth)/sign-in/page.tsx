import type { Metadata } from "next";
import { SignInPanel } from "@/components/auth/sign-in-panel";
import { authBrowserConfig } from "@/server/auth/browser-config";
import { getConfig } from "@/server/config/env";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return <SignInPanel config={authBrowserConfig(getConfig().auth)} />;
}
