// The Keras project's requirements.txt and README.md. Pure.
import type { DatasetRef } from '../../config/experiment';

export const REQUIREMENTS = `# TensorFlow 2.16 or later brings Keras 3; tensorflow-cpu is enough without a GPU.
tensorflow>=2.16
keras>=3.0
numpy
`;

function dataLine(ref: DatasetRef, hasCsv: boolean): string {
  if (hasCsv) {
    return "`data.csv` holds the rows the browser trained on, each with the split it was in (`__split__`), so validation uses the same rows. Train on a larger file of the same columns with `--data bigger.csv` (it is split by the experiment's seed when it has no `__split__` column); the column encodings, fill values and scaling stay the ones fitted in the browser.";
  }
  if (ref.kind === 'idx') return 'This experiment used your own IDX files: pass them with `--images` and `--labels`.';
  return "The images come from Keras's own loader (downloaded once to `~/.keras/datasets`), or from IDX files with `--images` and `--labels` (gzipped or not). The validation rows are drawn by the experiment's seed, not the browser's: they may include images the browser trained on, so compare with `--from-scratch` for a clean score.";
}

export function projectReadme(ref: DatasetRef, label: string, hasCsv: boolean): string {
  return `# Training Playground experiment: ${label.replace(/[\r\n]+/g, ' ')}

Exported from Training Playground. \`train.py\` rebuilds the model you built in
the browser with Keras 3, loads the weights you trained there (\`model.json\`,
\`weights.bin\`) and goes on training with the same settings and seed. It
prints the same scores as the page: accuracy and macro precision, recall and
F1, or MSE, MAE and R² for regression.

## Files

- \`train.py\`: the experiment (edit \`EXPERIMENT\` and \`build_model()\` freely).
- \`model.json\`, \`weights.bin\`: the browser's model (TensorFlow.js format;
  \`tf.loadLayersModel\` reads them too).
- \`experiment.json\`: the experiment, its link, the classes and the final scores.
- \`requirements.txt\`: what to install.
${hasCsv ? "- `data.csv`: the data, with the browser's split.\n" : ''}
## Data

${dataLine(ref, hasCsv)}

## On a laptop

    python3 -m venv .venv && . .venv/bin/activate
    pip install -r requirements.txt        # or: pip install tensorflow-cpu keras
    python train.py                        # continue from the browser's weights
    python train.py --from-scratch         # new weights, same experiment
    python train.py --epochs 20 --limit 1000

## On a GPU machine

Install \`tensorflow[and-cuda]\` instead of \`tensorflow\` (Linux). With more
than one GPU, \`train.py\` trains on all of them with \`MirroredStrategy\`; the
batch size stays the global one, split across the GPUs.

## On a cluster

Start \`train.py\` on every machine with \`TF_CONFIG\` set to the cluster and
that machine's own index; \`train.py\` then uses
\`MultiWorkerMirroredStrategy\`:

    TF_CONFIG='{"cluster": {"worker": ["host1:12345", "host2:12345"]}, "task": {"type": "worker", "index": 0}}' python train.py
    TF_CONFIG='{"cluster": {"worker": ["host1:12345", "host2:12345"]}, "task": {"type": "worker", "index": 1}}' python train.py
`;
}
