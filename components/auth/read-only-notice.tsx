"use client";

import { Alert } from "@/components/ui/alert";
import { APP_ROLES, ROLE_DISPLAY_NAMES } from "@/lib/auth/roles";
import { useCan, useSessionRoles } from "@/lib/auth/session-roles";

/** Tells a reader why there is nothing to change on a page (operators see the controls instead). */
export function ReadOnlyNotice({ what }: { what: string }) {
  const roles = useSessionRoles();
  const canOperate = useCan("operator");
  if (roles === null || canOperate) return null;
  return (
    <Alert className="mb-4" title="Read-only" data-testid="read-only-notice">
      You can browse {what}. Creating, editing, deleting and syncing need the {ROLE_DISPLAY_NAMES.operator} role
      ({APP_ROLES.operator}); ask an administrator if you need it.
    </Alert>
  );
}
