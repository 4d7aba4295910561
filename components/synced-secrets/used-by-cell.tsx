import type { SyncedSecretUser } from "@/lib/schemas/synced-secret-list";

const KIND_LABEL: Record<SyncedSecretUser["kind"], string> = { Device: "Device", DataflowEndpoint: "Data flow endpoint" };

/** The devices and data flow endpoints that reference the synced secret, one line per object. */
export function UsedByCell({ users }: { users: SyncedSecretUser[] }) {
  if (users.length === 0) return <span className="text-slate-600" data-testid="synced-secret-users">Not used</span>;
  // One line per object: a device naming username and password is one user with two references.
  const byObject = new Map<string, { user: SyncedSecretUser; where: string[] }>();
  for (const u of users) {
    const id = `${u.kind}/${u.name}`;
    const entry = byObject.get(id) ?? { user: u, where: [] };
    entry.where.push(u.key ? `${u.via} (key ${u.key})` : u.via);
    byObject.set(id, entry);
  }
  return (
    <ul className="flex flex-col gap-1" data-testid="synced-secret-users">
      {[...byObject.values()].map(({ user, where }) => (
        <li key={`${user.kind}/${user.name}`} data-testid="synced-secret-user" data-kind={user.kind}>
          <span className="text-xs text-slate-700">{KIND_LABEL[user.kind]}</span>{" "}
          <span className="font-mono text-sm font-medium text-slate-900">{user.name}</span>
          {where.map((w) => (
            <span key={w} className="block text-xs text-slate-700">
              {w}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}
