import { SAMPLE_CSVS, describeSource, shareability, type DatasetRef } from '../../config/datasets';
import { DEFAULT_SYNTHETIC } from '../../config/restoreDataset';
import { chooseDataset, dismissDataNotice } from '../../state/dataActions';
import { isLive, useAppStore } from '../../state/store';
import { selectData, selectStatus } from '../selectors';
import { CsvLoader } from './CsvLoader';
import { CsvOptionsForm } from './CsvOptionsForm';
import { IdxUpload } from './IdxUpload';
import { LoadProgress } from './LoadProgress';
import { SyntheticControls } from './SyntheticControls';
import { useOfflineDownloads } from './useOffline';

/** Menu entries: a value per choice, and the reference it stands for. */
const CHOICES: { value: string; label: string; ref: DatasetRef }[] = [
  { value: 'mnist-sample', label: 'MNIST sample (10,000 digits, bundled)', ref: { kind: 'mnist-sample' } },
  { value: 'fashion-sample', label: 'Fashion-MNIST sample (10,000 images, bundled)', ref: { kind: 'fashion-sample' } },
  { value: 'mnist', label: 'MNIST, full 65,000 (downloaded once, then cached)', ref: { kind: 'mnist' } },
  { value: 'fashion-mnist', label: 'Fashion-MNIST, full 65,000 (downloaded once, then cached)', ref: { kind: 'fashion-mnist' } },
  { value: 'synthetic', label: 'Synthetic 2-D set', ref: DEFAULT_SYNTHETIC },
  ...SAMPLE_CSVS.map((name) => ({
    value: `sample:${name}`,
    label: `Sample CSV: ${name}`,
    ref: { kind: 'csv', source: { type: 'sample', name }, header: null, options: null } as DatasetRef,
  })),
];

/** The menu entry of the active dataset; your own data gets an entry of its own while active. */
function choiceOf(ref: DatasetRef): { value: string; label: string } | null {
  if (ref.kind === 'csv') return ref.source.type === 'sample' ? null : { value: 'own', label: `Your CSV: ${describeSource(ref)}` };
  return ref.kind === 'idx' ? { value: 'own', label: `Your IDX files: ${ref.name}` } : null;
}

function valueOf(ref: DatasetRef): string {
  if (ref.kind === 'csv' && ref.source.type === 'sample') return `sample:${ref.source.name}`;
  return choiceOf(ref)?.value ?? ref.kind;
}

/** Picks the data: built-in sets, synthetic 2-D sets, sample or own CSV, IDX uploads; with progress and errors. */
export function DatasetPanel() {
  const dataset = useAppStore((state) => state.config.dataset);
  const data = useAppStore(selectData);
  const status = useAppStore(selectStatus);
  const locked = isLive(status) || data.loading !== null;
  const share = shareability(dataset);
  const own = choiceOf(dataset);
  // Offline, the full sets can be picked only when a copy is cached.
  const offline = useOfflineDownloads();
  const unavailable = (value: string) => offline !== null && (value === 'mnist' || value === 'fashion-mnist') && !offline[value];
  return (
    <section className="dataset" aria-label="Data">
      <h2>Data</h2>
      <label className="field">
        <span>Dataset</span>
        <select
          value={valueOf(dataset)}
          disabled={locked}
          onChange={(event) => {
            const choice = CHOICES.find((c) => c.value === event.target.value);
            if (choice) chooseDataset(choice.ref);
          }}
        >
          {CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value} disabled={unavailable(choice.value)}>
              {unavailable(choice.value) ? `${choice.label.replace(/ \(downloaded.*\)$/, '')} — offline, not downloaded yet` : choice.label}
            </option>
          ))}
          {own && <option value={own.value}>{own.label}</option>}
        </select>
      </label>
      {offline && (
        <p className="note" data-testid="offline-datasets">
          Offline. Available now: the MNIST sample, the synthetic 2-D sets, the sample CSVs, your own files
          {offline.mnist ? ', full MNIST (kept from a download)' : ''}
          {offline['fashion-mnist'] ? ', Fashion-MNIST (kept from a download)' : ''}.
        </p>
      )}
      <p className="hint" data-testid="dataset-active">
        Active: {describeSource(dataset)}
      </p>
      {!share.shareable && (
        <p className="hint" data-testid="not-shareable">
          Not shareable: {share.reason}
        </p>
      )}
      <LoadProgress />
      {data.error && (
        <div className="error" role="alert" data-testid="data-error">
          <p>
            {data.error} The previous dataset ({describeSource(dataset)}) is still active.
          </p>
          <button type="button" onClick={dismissDataNotice}>
            Dismiss
          </button>
        </div>
      )}
      {data.notice && (
        <p className="note" role="status" data-testid="data-notice">
          {data.notice}
        </p>
      )}
      {dataset.kind === 'synthetic' && <SyntheticControls dataset={dataset} locked={locked} />}
      {dataset.kind === 'csv' && data.loaded?.table && dataset.options && (
        <CsvOptionsForm dataset={dataset} table={data.loaded.table} locked={locked} />
      )}
      <details className="own-data" open={dataset.kind === 'csv' && dataset.source.type !== 'sample' && !data.loaded?.table}>
        <summary>Use your own CSV</summary>
        <CsvLoader locked={locked} />
      </details>
      <details className="own-data" open={dataset.kind === 'idx' && !data.loaded?.images}>
        <summary>Use your own IDX files</summary>
        <IdxUpload locked={locked} />
      </details>
    </section>
  );
}
