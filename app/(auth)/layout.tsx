import type { ReactNode } from "react";

/** Pages for visitors who are not signed in: no navigation, nothing that needs the API. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return <main className="flex min-h-screen items-center justify-center px-4">{children}</main>;
}
