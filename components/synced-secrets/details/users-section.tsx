import type { SyncedSecretUser } from "@/lib/schemas/synced-secret-list";
import { UsedByList } from "../used-by-cell";
import { Section } from "./section";

/** The devices and data flow endpoints that reference this synced secret, each a link to its page. */
export function UsersSection({ users }: { users: SyncedSecretUser[] }) {
  return (
    <Section id="synced-secret-users" title="Used by" testId="synced-secret-detail-users">
      <UsedByList users={users} testId="synced-secret-users" />
    </Section>
  );
}
