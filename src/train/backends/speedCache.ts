// Remembers measured backend speeds per model shape and device, in memory and
// (in a browser worker) in IndexedDB, so auto measures a model once per device.
import type { BackendSpeed } from '../protocol';

const DB_NAME = 'backend-speeds';
const STORE = 'speeds';
const memory = new Map<string, BackendSpeed[]>();

function open(): Promise<IDBDatabase> | null {
  if (typeof indexedDB === 'undefined') return null;
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
  });
}

function isSpeeds(value: unknown): value is BackendSpeed[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'object' && s !== null && typeof (s as BackendSpeed).backend === 'string');
}

/** The speeds measured for `key`, or null. A storage failure reads as "not measured". */
export async function readSpeeds(key: string): Promise<BackendSpeed[] | null> {
  const cached = memory.get(key);
  if (cached) return cached;
  try {
    const db = await open();
    if (!db) return null;
    const value = await new Promise<unknown>((resolve, reject) => {
      const request = db.transaction(STORE).objectStore(STORE).get(key);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    });
    db.close();
    if (!isSpeeds(value)) return null;
    memory.set(key, value);
    return value;
  } catch {
    return null;
  }
}

/** Keeps the speeds for `key`; storage failures only cost a measurement next time. */
export async function writeSpeeds(key: string, speeds: BackendSpeed[]): Promise<void> {
  memory.set(key, speeds);
  try {
    const db = await open();
    if (!db) return;
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(speeds, key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    });
    db.close();
  } catch {
    // Private mode or a full disk: measuring again next time is the only cost.
  }
}
