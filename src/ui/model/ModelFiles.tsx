import { useState } from 'react';
import { errorMessage } from '../../lib/assert';
import { forgetOpenedModel, modelZip, openModel, pythonZip } from '../../state/modelActions';
import { startRun } from '../../state/actions';
import { isLive, openedStart, useAppStore } from '../../state/store';
import { downloadBlob } from '../history/download';
import { selectStatus } from '../selectors';

/** Download the trained model (tfjs files, zipped), or open saved files to continue training from them. */
export function ModelFiles() {
  const status = useAppStore(selectStatus);
  const trained = useAppStore((state) => state.metrics.epochs.length > 0);
  const opened = useAppStore((state) => state.openedModel);
  const fits = useAppStore((state) => openedStart(state) !== null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const download = (make: () => Promise<{ name: string; bytes: Uint8Array; files?: string[] }>) =>
    make()
      .then(({ name, bytes, files }) => {
        downloadBlob(name, new Blob([bytes.slice().buffer], { type: 'application/zip' }));
        setSaved(files ? `${name}: ${files.join(', ')}` : name);
        setError(null);
      })
      .catch((e: unknown) => {
        setSaved(null);
        setError(errorMessage(e));
      });
  const busy = isLive(status);
  return (
    <section className="model-files" aria-label="Model files">
      <h2>Model files</h2>
      <div className="toggles">
        <button
          type="button"
          data-testid="download-model"
          disabled={!trained}
          title="model.json and weights.bin (TensorFlow.js LayersModel, loadable by tf.loadLayersModel) with experiment.json, in one zip"
          onClick={() => void download(modelZip)}
        >
          Download model
        </button>
        <button
          type="button"
          data-testid="export-python"
          disabled={!trained}
          title="A Keras 3 project (train.py, requirements.txt, README.md, the model files and the data) that goes on training this experiment in Python, on a laptop, a GPU machine or a cluster"
          onClick={() => void download(pythonZip)}
        >
          Export as Python
        </button>
        <label className="file-button">
          <span>Open model…</span>
          <input
            type="file"
            aria-label="Open model files (the zip, or model.json with weights.bin and experiment.json)"
            multiple
            accept=".zip,.json,.bin"
            disabled={busy}
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              if (files.length > 0) void openModel(files);
            }}
          />
        </label>
      </div>
      {!trained && <p className="hint">Train for an epoch, then download the model or a Keras project: it stays on this computer.</p>}
      {saved && (
        <p className="hint" role="status" data-testid="saved-files">
          Saved {saved}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {opened?.error && (
        <p className="field-error" role="alert" data-testid="open-model-error">
          {opened.error}
        </p>
      )}
      {opened?.summary && (
        <div className="note" role="status" data-testid="opened-model">
          {opened.summary}
          {opened.notes.length > 0 && <span> ({opened.notes.join(' ')})</span>}{' '}
          {!fits && (
            <strong data-testid="opened-model-unused">
              The layers changed since it was opened, so Train starts from new weights; put the layers back, or forget it.{' '}
            </strong>
          )}
          <button
            type="button"
            data-testid="evaluate-opened"
            disabled={busy || !fits || opened.replaceOutput === true}
            onClick={() => startRun(false, true)}
            title={
              opened.replaceOutput
                ? 'Its output layer is new (other classes): train it first'
                : 'Score the opened model on the current data (both splits) without training it; the insight views then show it'
            }
          >
            Evaluate on the current data
          </button>{' '}
          <button type="button" onClick={forgetOpenedModel}>
            Forget it
          </button>
        </div>
      )}
    </section>
  );
}
