/**
 * "Saved" survives the client-side move from a create page (`/<kind>/new`) to the saved resource's page after a
 * create: in memory only, so a reload does not say it again. One flash per kind of resource.
 */
export interface SavedFlash {
  mark(name: string): void;
  was(name: string): boolean;
  forget(name: string): void;
}

export function savedFlash(): SavedFlash {
  const justSaved = new Set<string>();
  return {
    mark: (name) => void justSaved.add(name),
    was: (name) => justSaved.has(name),
    forget: (name) => void justSaved.delete(name),
  };
}
