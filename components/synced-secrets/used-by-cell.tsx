import Link from "next/link";
import type { SyncedSecretUser } from "@/lib/schemas/synced-secret-list";

const KIND_LABEL: Record<SyncedSecretUser["kind"], string> = { Device: "Device", DataflowEndpoint: "Data flow endpoint" };
const KIND_PATH: Record<SyncedSecretUser["kind"], string> = { Device: "/devices", DataflowEndpoint: "/dataflow-endpoints" };

/** The page of a device or data flow endpoint that uses a synced secret. */
export const userHref = (u: Pick<SyncedSecretUser, "kind" | "name">) => `${KIND_PATH[u.kind]}/${encodeURIComponent(u.name)}`;

/** One line per object: a device naming username and password is one user with two references. */
export function groupUsers(users: readonly SyncedSecretUser[]): { user: SyncedSecretUser; where: string[] }[] {
  const byObject = new Map<string, { user: SyncedSecretUser; where: string[] }>();
  for (const u of users) {
    const id = `${u.kind}/${u.name}`;
    const entry = byObject.get(id) ?? { user: u, where: [] };
    entry.where.push(u.key ? `${u.via} (key ${u.key})` : u.via);
    byObject.set(id, entry);
  }
  return [...byObject.values()];
}

/** The devices and data flow endpoints that reference the synced secret, each a link to its page. */
export function UsedByList({ users, testId = "synced-secret-users" }: { users: readonly SyncedSecretUser[]; testId?: string }) {
  if (users.length === 0) return <span className="text-slate-600" data-testid={testId}>Not used</span>;
  return (
    <ul className="flex flex-col gap-1" data-testid={testId}>
      {groupUsers(users).map(({ user, where }) => (
        <li key={`${user.kind}/${user.name}`} data-testid="synced-secret-user" data-kind={user.kind} data-name={user.name}>
          <span className="text-xs text-slate-700">{KIND_LABEL[user.kind]}</span>{" "}
          <Link href={userHref(user)} className="font-mono text-sm font-medium [overflow-wrap:anywhere] text-blue-800 underline hover:text-blue-900">
            {user.name}
          </Link>
          {where.map((w) => (
            <span key={w} className="block text-xs [overflow-wrap:anywhere] text-slate-700">
              {w}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}
