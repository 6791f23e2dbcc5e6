// The service worker (Workbox, through vite-plugin-pwa) keeps the app for
// offline use. A new version waits until the page accepts it, and the page
// offers it only between runs: code is never swapped under a training run.
// If the browser cannot keep the app (no service workers, storage full or
// blocked), the app works online as before, with a short note.
import { create } from 'zustand';
import { registerSW } from 'virtual:pwa-register';
import { TEST_HOOKS_ENABLED } from './testHooks';

export interface AppUpdateState {
  /** A new version is installed and waiting. */
  waiting: boolean;
  /** The app is kept for offline use. */
  offlineReady: boolean;
  /** Why it is not kept for offline use, if it is not. */
  problem: string | null;
}

export const useAppUpdate = create<AppUpdateState>(() => ({ waiting: false, offlineReady: false, problem: null }));

let update: ((reload?: boolean) => Promise<void>) | null = null;

const NOT_KEPT = 'This browser does not keep the app for offline use';

/** Watches an installing worker: one that turns redundant could not store the app (a full or blocked cache). */
function watchInstall(worker: ServiceWorker | null): void {
  worker?.addEventListener('statechange', () => {
    if (worker.state === 'redundant' && !useAppUpdate.getState().offlineReady) {
      useAppUpdate.setState({ problem: `${NOT_KEPT} (its storage is full or blocked); it works as usual while online.` });
    }
  });
}

/**
 * A version that finished installing before the page registered (the
 * browser's own check at navigation found it) or while it starts: offered
 * as soon as it waits, when an older version controls the page.
 */
function offerWaiting(registration: ServiceWorkerRegistration): void {
  const check = () => {
    if (registration.waiting && navigator.serviceWorker.controller) useAppUpdate.setState({ waiting: true });
  };
  check();
  const installing = registration.installing;
  installing?.addEventListener('statechange', () => {
    if (installing.state === 'installed') check();
  });
}

/** Registers the service worker once. In the browser tests' build only when a test asks (`?e2e.sw=1`). */
export function startAppUpdates(): void {
  if (update) return;
  if (TEST_HOOKS_ENABLED && new URLSearchParams(window.location.search).get('e2e.sw') !== '1') return;
  if (!('serviceWorker' in navigator)) {
    useAppUpdate.setState({ problem: `${NOT_KEPT} (no service workers here, e.g. a private window); it works as usual while online.` });
    return;
  }
  update = registerSW({
    onNeedRefresh: () => useAppUpdate.setState({ waiting: true }),
    onOfflineReady: () => useAppUpdate.setState({ offlineReady: true, problem: null }),
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      watchInstall(registration.installing);
      registration.addEventListener('updatefound', () => watchInstall(registration.installing));
      offerWaiting(registration);
      // Look for a newer version now, so that the first reload after a deployment offers it (not the second).
      void registration.update().catch(() => undefined);
    },
    onRegisterError: (error: unknown) =>
      useAppUpdate.setState({
        problem: `${NOT_KEPT} (${error instanceof Error ? error.message : String(error)}); it works as usual while online.`,
      }),
  });
}

/** Activates the waiting version and reloads the page (the caller makes sure no run is in progress). */
export function applyAppUpdate(): void {
  void update?.(true);
}

/** Asks the server for a newer version now (the browser also checks on each visit). */
export async function checkForAppUpdate(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  await registration?.update();
}
