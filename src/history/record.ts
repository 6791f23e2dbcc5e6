// A finished run as it is kept in the history: its experiment, its curves
// and its final scores. Plain data (IndexedDB stores it as is); pure helpers
// to export it and to say how runs differ.
import type { BackendName, ExperimentConfig } from '../config/experiment';
import { CONFIG_FIELDS, readField } from '../config/fields';
import { restoreConfig } from '../config/restore';
import { downsample } from '../metrics/downsample';
import type { BatchPoint, EpochPoint, ProbePoint, SplitScores } from '../metrics/types';
import { isFrozen, type LayerSpec } from '../model/spec';
import { LAYER_FIELDS } from '../model/layerFields';
import { readSweepTag, type SweepTag } from '../sweep/results';

/** Batch points kept per run; longer runs are averaged down to this many. */
export const MAX_STORED_BATCHES = 1000;
/** Epoch points kept per run (a 2-D set may train tens of thousands); evenly spread, with the first, the last and the kept one. */
export const MAX_STORED_EPOCHS = 1000;

function thinEpochs(epochs: readonly EpochPoint[], keep: number | null): EpochPoint[] {
  if (epochs.length <= MAX_STORED_EPOCHS) return epochs.slice();
  const picked = new Set<number>();
  for (let i = 0; i < MAX_STORED_EPOCHS - 1; i++) picked.add(Math.round((i * (epochs.length - 1)) / (MAX_STORED_EPOCHS - 2)));
  const kept = keep === null ? -1 : epochs.findIndex((point) => point.epoch === keep);
  if (kept >= 0) picked.add(kept);
  return [...picked].sort((a, b) => a - b).map((i) => epochs[i]);
}

/** `running`: stored as it trains; one still `running` when the page opens again was `interrupted` (a reload, a closed tab). */
export type RunOutcome = 'done' | 'stopped' | 'error' | 'running' | 'interrupted';
const OUTCOMES: readonly RunOutcome[] = ['done', 'stopped', 'error', 'running', 'interrupted'];

export interface RunRecord {
  /** Given by IndexedDB when the run is stored. */
  id: number;
  name: string;
  /** Date.now() when the run ended. */
  finishedAt: number;
  config: ExperimentConfig;
  datasetLabel: string;
  totalParams: number;
  backend: BackendName | null;
  outcome: RunOutcome;
  batches: BatchPoint[];
  epochs: EpochPoint[];
  learningRateChanges: { step: number; learningRate: number }[];
  /** The epoch whose weights early stopping restored, if it did. */
  restoredEpoch: number | null;
  /** A run of a sweep: which sweep, and its place in it. */
  sweep?: SweepTag;
  /** Validation checks between epoch ends (a sweep member, until its target), every `probeEvery` steps. */
  probes?: ProbePoint[];
  probeEvery?: number;
  /** While it trains: the tab training it (history/owner.ts), so other tabs do not take it for cut off. */
  owner?: string;
  /** Where its stored checkpoint stands (history/checkpoint.ts): an interrupted run with one offers Resume. */
  checkpoint?: { epoch: number; step: number };
  /** Why it cannot be resumed (Adamax's state, the size cap). */
  resumeNote?: string;
  /** The kept model it started from instead of seeded weights: "Run 3 (MNIST sample)", output replaced or not. */
  startedFrom?: string;
}

export type NewRunRecord = Omit<RunRecord, 'id'>;

/** The record of a run that just ended, with its batch curve thinned for storage. */
export function makeRecord(
  run: Omit<NewRunRecord, 'batches' | 'epochs'> & { batches: readonly BatchPoint[]; epochs: readonly EpochPoint[] },
): NewRunRecord {
  return {
    ...run,
    batches: downsample(run.batches, MAX_STORED_BATCHES, 'step', ['loss', 'accuracy']),
    epochs: thinEpochs(run.epochs, run.restoredEpoch),
  };
}

export { keptEpoch } from '../metrics/kept';

const isNumber = (value: unknown): value is number => typeof value === 'number';

/**
 * A stored value read back (perhaps written by an older version): null when
 * it is not a run at all; its config is restored against today's limits.
 */
export function readRecord(value: unknown): RunRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Partial<Record<keyof RunRecord, unknown>>;
  if (!isNumber(raw.id) || !Array.isArray(raw.epochs) || !Array.isArray(raw.batches)) return null;
  return {
    id: raw.id,
    name: typeof raw.name === 'string' ? raw.name : `Run ${raw.id}`,
    finishedAt: isNumber(raw.finishedAt) ? raw.finishedAt : 0,
    config: restoreConfig(raw.config).config,
    datasetLabel: typeof raw.datasetLabel === 'string' ? raw.datasetLabel : '',
    totalParams: isNumber(raw.totalParams) ? raw.totalParams : 0,
    backend: typeof raw.backend === 'string' ? (raw.backend as BackendName) : null,
    outcome: OUTCOMES.includes(raw.outcome as RunOutcome) ? (raw.outcome as RunOutcome) : 'error',
    batches: raw.batches as BatchPoint[],
    epochs: raw.epochs as EpochPoint[],
    learningRateChanges: Array.isArray(raw.learningRateChanges) ? (raw.learningRateChanges as RunRecord['learningRateChanges']) : [],
    restoredEpoch: isNumber(raw.restoredEpoch) ? raw.restoredEpoch : null,
    ...(readSweepTag(raw.sweep) ? { sweep: readSweepTag(raw.sweep) } : {}),
    ...(typeof raw.owner === 'string' ? { owner: raw.owner } : {}),
    ...readProbes(raw.probes, raw.probeEvery),
    ...readCheckpointMark(raw.checkpoint),
    ...(typeof raw.resumeNote === 'string' ? { resumeNote: raw.resumeNote } : {}),
    ...(typeof raw.startedFrom === 'string' ? { startedFrom: raw.startedFrom.slice(0, 200) } : {}),
  };
}

function readCheckpointMark(mark: unknown): Pick<RunRecord, 'checkpoint'> {
  if (typeof mark !== 'object' || mark === null) return {};
  const { epoch, step } = mark as Record<string, unknown>;
  return Number.isInteger(epoch) && Number.isInteger(step) && (epoch as number) >= 1
    ? { checkpoint: { epoch: epoch as number, step: step as number } }
    : {};
}

/** Stored probes read back: points with a step and finite validation loss, or nothing. */
function readProbes(probes: unknown, every: unknown): Pick<RunRecord, 'probes' | 'probeEvery'> {
  if (!Array.isArray(probes) || !isNumber(every) || !(every >= 1)) return {};
  const points = probes.filter(
    (p): p is ProbePoint =>
      typeof p === 'object' && p !== null && isNumber((p as ProbePoint).step) && isNumber((p as ProbePoint).validation?.loss),
  );
  return { probes: points, probeEvery: every };
}

const CLASSIFICATION_SCORES: (keyof SplitScores)[] = ['loss', 'accuracy', 'precision', 'recall', 'f1'];
const REGRESSION_SCORES: (keyof SplitScores)[] = ['loss', 'mae', 'r2'];

/** Whether a run predicted numbers (its epochs carry R²). */
export const isRegressionRecord = (record: Pick<RunRecord, 'epochs'>): boolean =>
  record.epochs.some((point) => point.validation.r2 !== undefined);

/** One row per epoch: training and validation scores (MSE, MAE and R² for regression). */
export function epochsToCsv(record: Pick<RunRecord, 'epochs'>): string {
  const SCORES = isRegressionRecord(record) ? REGRESSION_SCORES : CLASSIFICATION_SCORES;
  const header = ['epoch', 'step', ...SCORES.map((s) => `train_${s}`), ...SCORES.map((s) => `val_${s}`)];
  const rows = record.epochs.map((e) =>
    [e.epoch, e.step, ...SCORES.map((s) => e.train[s]), ...SCORES.map((s) => e.validation[s])].join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}

/** The whole record, readable by people and by scripts. */
export function recordToJson(record: RunRecord): string {
  return JSON.stringify(record, null, 2);
}

/** `dense(64_relu)`: a layer in a few characters, for diffs. */
export function describeLayer(layer: LayerSpec): string {
  const record = layer as unknown as Record<string, unknown>;
  const values = LAYER_FIELDS[layer.kind]
    .filter((f) => record[f.name] !== undefined && !(f.optional && record[f.name] === 0))
    .map((f) => String(record[f.name]));
  return `${layer.kind}(${values.join(', ')})${isFrozen(layer) ? ' frozen' : ''}`;
}

function layerDifferences(base: readonly LayerSpec[], other: readonly LayerSpec[]): string[] {
  const sameKinds = base.length === other.length && base.every((layer, i) => layer.kind === other[i].kind);
  if (sameKinds) {
    return base.flatMap((layer, i) => {
      const a = layer as unknown as Record<string, unknown>;
      const b = other[i] as unknown as Record<string, unknown>;
      const fields = LAYER_FIELDS[layer.kind]
        .filter((f) => (a[f.name] ?? 0) !== (b[f.name] ?? 0))
        .map((f) => `layer ${i + 1} ${layer.kind} ${f.name} ${String(a[f.name] ?? 0)} → ${String(b[f.name] ?? 0)}`);
      const frozen =
        isFrozen(layer) !== isFrozen(other[i])
          ? [`layer ${i + 1} ${layer.kind} ${isFrozen(layer) ? 'frozen → trains' : 'trains → frozen'}`]
          : [];
      return [...fields, ...frozen];
    });
  }
  // Different stacks: name the layers one has and the other lacks.
  const remaining = base.map(describeLayer);
  const added: string[] = [];
  for (const text of other.map(describeLayer)) {
    const at = remaining.indexOf(text);
    if (at >= 0) remaining.splice(at, 1);
    else added.push(`+ ${text}`);
  }
  return [...added, ...remaining.map((text) => `− ${text}`)];
}

/** What sets `other` apart from `base`, e.g. `["layer 3 dropout rate 0 → 0.5", "Learning rate 0.001 → 0.01"]`. */
export function configDifferences(base: ExperimentConfig, other: ExperimentConfig): string[] {
  const differences: string[] = [];
  if (base.dataset.kind !== other.dataset.kind) differences.push(`dataset ${base.dataset.kind} → ${other.dataset.kind}`);
  differences.push(...layerDifferences(base.layers, other.layers));
  for (const field of CONFIG_FIELDS) {
    const a = readField(base, field.path);
    const b = readField(other, field.path);
    if (a !== b) differences.push(`${field.label} ${String(a)} → ${String(b)}`);
  }
  return differences;
}

/** Legend names for compared runs: the first is the baseline, the others say what differs from it. */
export function comparisonLabels(records: readonly Pick<RunRecord, 'name' | 'config'>[]): string[] {
  return records.map((record, i) => {
    if (i === 0) return `${record.name} (baseline)`;
    const differences = configDifferences(records[0].config, record.config);
    return `${record.name}: ${differences.length === 0 ? 'same settings' : differences.join(', ')}`;
  });
}
