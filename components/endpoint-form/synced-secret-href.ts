/** Where the Secrets page lists one synced secret (its search box filled with the name). */
export function syncedSecretHref(name: string): string {
  return `/secrets?${new URLSearchParams({ search: name })}`;
}
