import { useEffect, useState, useSyncExternalStore } from 'react';
import { cachedDownloads } from '../../state/dataActions';

const subscribe = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
};

/**
 * Null while online; offline, which downloadable datasets are in the
 * browser's cache (the rest cannot be loaded until the network is back).
 */
export function useOfflineDownloads(): Record<'mnist' | 'fashion-mnist', boolean> | null {
  const online = useSyncExternalStore(subscribe, () => navigator.onLine);
  const [cached, setCached] = useState<Record<'mnist' | 'fashion-mnist', boolean>>({ mnist: false, 'fashion-mnist': false });
  useEffect(() => {
    if (online) return;
    let live = true;
    void cachedDownloads().then((found) => live && setCached(found));
    return () => {
      live = false;
    };
  }, [online]);
  return online ? null : cached;
}
