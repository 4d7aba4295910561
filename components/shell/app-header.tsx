"use client";

import { useQuery } from "@tanstack/react-query";
import Image from "next/image";
import type { ReactNode } from "react";
import { instanceQuery } from "@/lib/queries/instance";
import { Skeleton } from "@/components/ui/skeleton";
import { UserMenu } from "@/components/auth/user-menu";

/** Product name, then the AIO instance and the one Key Vault it uses (an instance works with exactly one), then who is signed in. */
export function AppHeader() {
  const { data, isPending, isError } = useQuery(instanceQuery());
  return (
    <header className="flex h-14 items-center gap-6 border-b border-slate-800 bg-slate-900 px-4 text-white" data-testid="app-header">
      <p className="flex items-center gap-2 text-base font-semibold whitespace-nowrap">
        {/* A static file (public/logo.svg), not inline markup: cached once, and the name beside it is the text. */}
        <Image src="/logo.svg" alt="" width={24} height={24} unoptimized data-testid="header-logo" />
        <span>
          Azure IoT Operations <span className="font-normal text-slate-300">· Ops Portal</span>
        </span>
      </p>
      <dl className="ml-auto flex items-center gap-6 text-sm">
        <HeaderFact label="Instance" testId="header-instance">
          {isPending ? <Skeleton className="w-32 bg-slate-700" /> : isError ? <Unavailable /> : data.name}
        </HeaderFact>
        <HeaderFact label="Key Vault" testId="header-key-vault">
          {isPending ? (
            <Skeleton className="w-40 bg-slate-700" />
          ) : isError ? (
            <Unavailable />
          ) : (
            <span title={data.keyVault.url}>{data.keyVault.name}</span>
          )}
        </HeaderFact>
      </dl>
      <UserMenu />
    </header>
  );
}

function HeaderFact({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline gap-2">
      <dt className="text-slate-300">{label}</dt>
      <dd className="font-medium" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function Unavailable() {
  return <span className="text-amber-200">unavailable</span>;
}
