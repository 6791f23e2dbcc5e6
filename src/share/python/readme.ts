// The Keras project's README.md, and its two requirements files (a known-good
// set with upper bounds; the Python check installs requirements-cpu.txt). Pure.
import type { DatasetRef } from '../../config/experiment';
import requirements from './requirements.txt?raw';
import requirementsCpu from './requirements-cpu.txt?raw';

export const REQUIREMENTS = requirements;
export const REQUIREMENTS_CPU = requirementsCpu;

function dataLine(ref: DatasetRef, hasCsv: boolean, hasSplit: boolean): string {
  if (hasCsv) {
    return "`data.csv` holds the rows the browser trained on, each with the split it was in (`__split__`), so validation uses the same rows. Train on a larger file of the same columns with `--data bigger.csv` (it is split by the experiment's seed when it has no `__split__` column); the column encodings, fill values and scaling stay the ones fitted in the browser.";
  }
  const split = hasSplit
    ? " `split.json` holds the browser's split (the images' indices), so with the images the browser split (the MNIST sample, or your IDX files) validation uses the same images and the browser's weights give the page's scores. Other images (Keras's full MNIST is ordered otherwise than the browser's) are split by the experiment's seed, and the script says so."
    : '';
  if (ref.kind === 'idx') return `This experiment used your own IDX files: pass them with \`--images\` and \`--labels\`.${split}`;
  return `The images come from Keras's own loader (downloaded once to \`~/.keras/datasets\`), or from IDX files with \`--images\` and \`--labels\` (gzipped or not).${split}`;
}

export function projectReadme(ref: DatasetRef, label: string, hasCsv: boolean, hasSplit = false): string {
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
- \`requirements.txt\`, \`requirements-cpu.txt\`: a known-good set to install
  (TensorFlow 2.21 with Keras 3.15 is what the app's own tests run this on).
${hasCsv ? "- `data.csv`: the data, with the browser's split.\n" : ''}${hasSplit ? "- `split.json`: the browser's split of the images.\n" : ''}
## Data

${dataLine(ref, hasCsv, hasSplit)}

## On a laptop

    python3 -m venv .venv && . .venv/bin/activate
    pip install -r requirements-cpu.txt    # CPU-only wheels; with a GPU: requirements.txt
    python train.py                        # continue from the browser's weights
    python train.py --from-scratch         # new weights, same experiment
    python train.py --epochs 20 --limit 1000

It prints the replicas, the global batch and the learning rate it uses, one
line per epoch, and the page's scores at the end. The chief (the only process
on a laptop) saves \`model.keras\` and logs every epoch to
\`logs/training.csv\` and \`logs/tensorboard/\` (\`tensorboard --logdir logs\`).

## Cross-validation, class imbalance, class weights

\`python train.py --folds 5\` trains one model per fold from the seed (with
\`model.fit\`, on this machine) and prints each fold's scores, then the mean
± sd of every score. After a k-fold run in the browser, the export carries its
folds (\`__fold__\` in \`data.csv\`, \`folds\` in \`split.json\`) and the same
rows are used; otherwise the folds are drawn from the seed (stratified when
the experiment says so). The class-imbalance knob thins the training split
(and validation, when set) to the browser's class counts, and class weights
(balanced, or set by hand) are passed to Keras as \`class_weight\` (the custom loop under a
cluster weighs each sample's loss the same way). \`--stream\` takes neither:
they need every label first.

## Data larger than memory

\`--stream\` reads the data through \`tf.data\` in blocks instead of loading it:
a CSV file, or a glob of files with the same columns (\`--data 'rows-*.csv'\`,
which streams by itself), or IDX files (\`--images\`, \`--labels\`). Rows are
encoded in TensorFlow ops with the browser's encodings, fill values and
scaling, so memory stays flat as rows grow, and each worker trains on its own
share of the blocks. The split is the browser's (\`__split__\`, \`split.json\`)
or, without one, a seeded hash of each row's number. Streamed, duplicate rows
are not dropped and label noise is not applied; a resumed run goes on from
its epoch with the stream's own order.

## Batch size and learning rate

\`--batch-size\` is **per replica** (default: the browser's). The global batch is
that times the replicas (GPUs, or workers), so it grows with the machine, and
the learning rate follows the linear scaling rule: the browser's rate times
global batch / browser batch. \`--global-batch-size N\` fixes the global batch
instead (split over the replicas), and \`--no-lr-scaling\` keeps the browser's
rate.

## Stopped or preempted: resume

After every epoch the chief keeps a checkpoint (weights, optimizer state, the
epoch) in \`checkpoints/\` (\`--checkpoint-dir\`). A job that is killed and
started again with the same command resumes from its last epoch, not from the
start; a run that finishes removes its checkpoints, so the next one starts
afresh. Other workers keep theirs in a temporary folder of their own.

## On a GPU machine

Install \`requirements.txt\` (Linux: \`tensorflow[and-cuda]\` for CUDA). With
more than one GPU, \`train.py\` trains on all of them with \`MirroredStrategy\`.

## On a cluster

Start \`train.py\` on every machine with \`TF_CONFIG\` naming the workers and
that machine's own index (worker 0 is the chief):

    TF_CONFIG='{"cluster": {"worker": ["host1:12345", "host2:12345"]}, "task": {"type": "worker", "index": 0}}' python train.py
    TF_CONFIG='{"cluster": {"worker": ["host1:12345", "host2:12345"]}, "task": {"type": "worker", "index": 1}}' python train.py

It trains with \`MultiWorkerMirroredStrategy\` in a training loop of its own
(\`strategy.run\` over a \`tf.GradientTape\` step): Keras 3's \`model.fit\` fails
under that strategy (keras-team/keras#20585). Every worker takes its own slice
of each global batch, in the same seeded order, so two workers give the scores
of one process with the same global batch. A worker whose peers do not join,
or stop answering, exits with code 3 after \`--wait\` seconds (default 120),
naming the missing worker and its address; SIGTERM and Ctrl-C stop it too
(it trains in a child process, because TensorFlow's collectives hold Python's
lock and take SIGTERM). Multi-worker training needs \`KERAS_BACKEND=tensorflow\`;
under JAX or PyTorch \`train.py\` says so and trains on one device only.
`;
}
