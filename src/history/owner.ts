// Which tab trains a run. Each tab holds a Web Lock named after itself for
// as long as it lives; a stored run still marked running belongs to a tab
// whose lock is held (it is training there), or it was cut off (its tab was
// closed or reloaded). Browser I/O, like db.ts.

/** This tab, for as long as it lives (a reload is a new tab). */
export const TAB_ID: string =
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `tab-${Date.now()}-${Math.random()}`;

const PREFIX = 'training-playground-tab:';

const locks = (): LockManager | null => (typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null);

/** Takes this tab's lock and keeps it until the tab goes away (resolves once it is held, or at once without Web Locks). */
export function holdTabLock(): Promise<void> {
  const manager = locks();
  if (!manager) return Promise.resolve();
  return new Promise((held) => {
    void manager.request(`${PREFIX}${TAB_ID}`, () => {
      held();
      return new Promise<never>(() => undefined);
    });
  });
}

/** The tabs alive now (this one included), or null where the browser cannot tell. */
export async function liveTabs(): Promise<Set<string> | null> {
  const manager = locks();
  if (!manager) return null;
  try {
    const { held = [] } = await manager.query();
    return new Set(
      held
        .map((lock) => lock.name ?? '')
        .filter((name) => name.startsWith(PREFIX))
        .map((name) => name.slice(PREFIX.length)),
    );
  } catch {
    return null;
  }
}
