import type { ReactNode } from "react";
import { AppHeader } from "./app-header";
import { SideNav } from "./side-nav";

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only rounded bg-white px-3 py-1 text-slate-900 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:outline-2 focus:outline-blue-700"
      >
        Skip to content
      </a>
      <AppHeader />
      <div className="flex flex-1">
        <aside className="w-64 shrink-0 border-r border-slate-200 bg-white">
          <SideNav />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-8 py-6 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
