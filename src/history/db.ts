// Run history in IndexedDB (through idb's promise wrapper). Records are
// read back through readRecord, so anything stored by an older version, or
// damaged, is restored or skipped rather than trusted.
import { openDB, type IDBPDatabase } from 'idb';
import { readCheckpoint, type Checkpoint } from './checkpoint';
import { readRecord, type NewRunRecord, type RunRecord } from './record';

const DB_NAME = 'training-playground';
const STORE = 'runs';
/** A run's latest checkpoint, keyed by its record's id (apart, so listing runs never reads weights). */
const CHECKPOINTS = 'checkpoints';
const DB_VERSION = 2;

let opening: Promise<IDBPDatabase> | null = null;

function database(): Promise<IDBPDatabase> {
  opening ??= openDB(DB_NAME, DB_VERSION, {
    upgrade(db) {
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      if (!db.objectStoreNames.contains(CHECKPOINTS)) db.createObjectStore(CHECKPOINTS);
    },
  });
  return opening;
}

/** Every stored run, oldest first. */
export async function listRuns(): Promise<RunRecord[]> {
  const values: unknown[] = await (await database()).getAll(STORE);
  return values.map(readRecord).filter((record): record is RunRecord => record !== null);
}

/** Stores a run; returns it with its new id. */
export async function addRun(record: NewRunRecord): Promise<RunRecord> {
  const id = (await (await database()).add(STORE, record)) as number;
  return { ...record, id };
}

/** Replaces a stored run (a run in progress is stored again after each epoch). */
export async function putRun(record: RunRecord): Promise<void> {
  await (await database()).put(STORE, record);
}

export async function renameRun(id: number, name: string): Promise<void> {
  const db = await database();
  const tx = db.transaction(STORE, 'readwrite');
  const record = readRecord(await tx.store.get(id));
  if (record) await tx.store.put({ ...record, name });
  await tx.done;
}

export async function deleteRun(id: number): Promise<void> {
  const db = await database();
  await Promise.all([db.delete(STORE, id), db.delete(CHECKPOINTS, id)]);
}

/** Keeps `checkpoint` as run `id`'s latest (replacing the one before). */
export async function putCheckpoint(id: number, checkpoint: Checkpoint): Promise<void> {
  await (await database()).put(CHECKPOINTS, checkpoint, id);
}

/** Run `id`'s checkpoint, or null when there is none (or it is damaged). */
export async function getCheckpoint(id: number): Promise<Checkpoint | null> {
  return readCheckpoint(await (await database()).get(CHECKPOINTS, id));
}

export async function deleteCheckpoint(id: number): Promise<void> {
  await (await database()).delete(CHECKPOINTS, id);
}

/** The ids of the runs that have a checkpoint. */
export async function checkpointIds(): Promise<number[]> {
  return (await (await database()).getAllKeys(CHECKPOINTS)) as number[];
}
