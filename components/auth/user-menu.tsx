"use client";

import { useMsal } from "@azure/msal-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { accessLevel, ROLE_DISPLAY_NAMES } from "@/lib/auth/roles";
import { forgetRoles, useSessionRoles } from "@/lib/auth/session-roles";
import { signOut } from "@/lib/auth/msal-client";

/** The header's signed-in person, their portal role, and Sign out. */
export function UserMenu() {
  const { instance, accounts } = useMsal();
  const roles = useSessionRoles();
  const [leaving, setLeaving] = useState(false);
  const account = instance.getActiveAccount() ?? accounts[0];
  if (!account) return null;
  const level = roles ? accessLevel(roles) : null;
  return (
    <div className="flex items-center gap-3 text-sm" data-testid="user-menu">
      <div className="flex flex-col items-end leading-tight">
        <span className="font-medium" data-testid="user-name" title={account.username}>{account.name || account.username}</span>
        <span className="text-xs text-slate-300" data-testid="user-role">
          {roles === null ? "\u00a0" : level ? ROLE_DISPLAY_NAMES[level] : "No portal role"}
        </span>
      </div>
      <Button
        className="border-slate-600 bg-slate-800 text-white hover:bg-slate-700"
        data-testid="sign-out"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          forgetRoles();
          signOut(instance).catch(() => setLeaving(false));
        }}
      >
        Sign out
      </Button>
    </div>
  );
}
