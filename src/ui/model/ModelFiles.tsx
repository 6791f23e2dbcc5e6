import { useState } from 'react';
import { errorMessage } from '../../lib/assert';
import { forgetOpenedModel, modelZip, openModel } from '../../state/modelActions';
import { useAppStore } from '../../state/store';
import { downloadBlob } from '../history/download';
import { selectStatus } from '../selectors';

/** Download the trained model (tfjs files, zipped), or open saved files to continue training from them. */
export function ModelFiles() {
  const status = useAppStore(selectStatus);
  const trained = useAppStore((state) => state.metrics.epochs.length > 0);
  const opened = useAppStore((state) => state.openedModel);
  const [error, setError] = useState<string | null>(null);
  const busy = status === 'running' || status === 'paused';
  return (
    <section className="model-files" aria-label="Model files">
      <h2>Model files</h2>
      <div className="toggles">
        <button
          type="button"
          data-testid="download-model"
          disabled={!trained}
          title="model.json and weights.bin (TensorFlow.js LayersModel, loadable by tf.loadLayersModel) with experiment.json, in one zip"
          onClick={() =>
            modelZip()
              .then(({ name, bytes }) => {
                downloadBlob(name, new Blob([bytes.slice().buffer], { type: 'application/zip' }));
                setError(null);
              })
              .catch((e: unknown) => setError(errorMessage(e)))
          }
        >
          Download model
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
      {!trained && <p className="hint">Train for an epoch, then download the model: it stays on this computer.</p>}
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
      {opened?.summary && !opened.error && (
        <div className="note" role="status" data-testid="opened-model">
          {opened.summary}
          {opened.notes.length > 0 && <span> ({opened.notes.join(' ')})</span>}{' '}
          <button type="button" onClick={forgetOpenedModel}>
            Forget it
          </button>
        </div>
      )}
    </section>
  );
}
