// Run history in IndexedDB (through idb's promise wrapper). Records are
// read back through readRecord, so anything stored by an older version, or
// damaged, is restored or skipped rather than trusted.
import { openDB, type IDBPDatabase } from 'idb';
import { readCheckpoint, type Checkpoint } from './checkpoint';
import { readStoredModel, type StoredModel } from './storedModel';
import { readRecord, type NewRunRecord, type RunRecord } from './record';

const DB_NAME = 'training-playground';
const STORE = 'runs';
/** A run's latest checkpoint, keyed by its record's id (apart, so listing runs never reads weights). */
const CHECKPOINTS = 'checkpoints';
/** A finished run's model (its kept weights and what they fit), keyed by its record's id: a run to start from (transfer). */
const MODELS = 'models';
const DB_VERSION = 3;

let opening: Promise<IDBPDatabase> | null = null;

function database(): Promise<IDBPDatabase> {
  opening ??= openDB(DB_NAME, DB_VERSION, {
    upgrade(db) {
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      if (!db.objectStoreNames.contains(CHECKPOINTS)) db.createObjectStore(CHECKPOINTS);
      if (!db.objectStoreNames.contains(MODELS)) db.createObjectStore(MODELS);
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
  await Promise.all([db.delete(STORE, id), db.delete(CHECKPOINTS, id), db.delete(MODELS, id)]);
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

/** Keeps run `id`'s model. */
export async function putModel(id: number, model: StoredModel): Promise<void> {
  await (await database()).put(MODELS, model, id);
}

/** Run `id`'s model, or null when none is kept (or it is damaged). */
export async function getModel(id: number): Promise<StoredModel | null> {
  return readStoredModel(await (await database()).get(MODELS, id));
}

export async function deleteModel(id: number): Promise<void> {
  await (await database()).delete(MODELS, id);
}

/** The ids of the runs whose model is kept. */
export async function modelIds(): Promise<number[]> {
  return (await (await database()).getAllKeys(MODELS)) as number[];
}
