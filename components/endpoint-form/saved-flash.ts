/**
 * "Saved" survives the client-side move from /devices/new to /devices/<name> after a create (in memory only, so a
 * reload does not say it again).
 */
const justSaved = new Set<string>();

export function markJustSaved(device: string): void {
  justSaved.add(device);
}

export function wasJustSaved(device: string): boolean {
  return justSaved.has(device);
}

export function forgetJustSaved(device: string): void {
  justSaved.delete(device);
}
