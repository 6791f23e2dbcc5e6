"""The Python half of the Keras export check (run by tests/python/kerasProject.test.ts).

For each exported project under ROOT: import its train.py, build the model,
check Keras's parameter count against the app's, load the browser's weights
and compare predictions with tfjs's (within 1e-4); then run train.py for one
epoch on a small slice and check that it prints finite scores. The project in
ROOT/cluster runs the cluster path for real: two workers on 127.0.0.1, a
worker whose peer never comes, and a run killed after a checkpoint.
"""

import argparse
import ast
import importlib.util
import json
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import time

import numpy as np

TOLERANCE = 1e-4


def check(folder):
    with open(os.path.join(folder, "check.json"), encoding="utf-8") as f:
        case = json.load(f)
    spec = importlib.util.spec_from_file_location(f"train_{abs(hash(folder))}", os.path.join(folder, "train.py"))
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    # Names (CSV headers, class names) come through as the strings they were, never as code.
    if train.EXPERIMENT["classes"] != case["classes"]:
        return f"class names changed: {train.EXPERIMENT['classes']!r}"
    if case["features"] and [f["name"] for f in train.DATA["csv"]["features"]] != case["features"]:
        return f"column names changed: {train.DATA['csv']['features']!r}"
    model = train.build_model()
    params = model.count_params()
    if params != case["params"]:
        return f"Keras counts {params} parameters, the builder {case['params']}"
    if "trainable" in case:
        trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
        if trainable != case["trainable"]:
            return f"Keras trains {trainable} parameters, the builder counts {case['trainable']} trainable"
    train.load_browser_weights(model, folder)
    inputs = np.array(case["inputs"], dtype="float32").reshape((-1, *case["inputShape"]))
    ours = model.predict(inputs, verbose=0).reshape(-1)
    theirs = np.array(case["outputs"], dtype="float32")
    gap = float(np.max(np.abs(ours - theirs)))
    if not gap <= TOLERANCE:
        return f"predictions differ from tfjs by up to {gap:.2e}"
    if "schedule" in case:
        # The browser's learning-rate schedule: the app's rate at each step, in Python and in keras.ops alike.
        plan = case["schedule"]
        settings = train.EXPERIMENT["schedule"]
        schedule = train.PlaygroundSchedule(train.EXPERIMENT["learning_rate"], plan["perEpoch"], plan["epochs"], settings["name"], settings["decay_rate"], settings["decay_every"], settings["warmup_epochs"])
        for step, rate in zip(plan["steps"], plan["rates"]):
            ours = (schedule.rate(step), float(schedule(step - 1)))
            if not all(abs(r - rate) <= 1e-6 * max(1.0, abs(rate)) for r in ours):
                return f"{settings['name']} schedule at step {step}: Python {ours}, the app {rate}"
    thinned = ""
    if "imbalance" in case:
        # The class-imbalance knob: the same class counts as the app's splits, and the app's balanced weights.
        expected = case["imbalance"]
        classes = len(train.EXPERIMENT["classes"])
        (_, y_train), (_, y_val) = train.load_data(argparse.Namespace(images=None, labels=None, data=None, limit=0))
        counts = [np.bincount(y_train, minlength=classes).tolist(), np.bincount(y_val, minlength=classes).tolist()]
        if counts != [expected["train"], expected["validation"]]:
            return f"class counts after the imbalance knob: Python {counts}, the app {[expected['train'], expected['validation']]}"
        weights = train.class_weights(y_train)
        if not weights or not all(abs(weights[c] - w) <= 1e-6 for c, w in enumerate(expected["weights"])):
            return f"class weights: Python {weights}, the app {expected['weights']}"
        thinned = f"; the imbalance knob leaves the app's class counts {counts[0]} and its class weights"
    if "folds" in case:
        # k-fold: train.py --folds runs the browser's folds (data.csv's __fold__), with the app's fold sizes after the knobs.
        k = case["folds"]["k"]
        cv = subprocess.run([sys.executable, os.path.join(folder, "train.py"), "--folds", str(k), "--epochs", "1"], capture_output=True, text=True, timeout=600)
        if cv.returncode != 0 or f"The browser's {k} folds." not in cv.stdout or f"Cross-validation over {k} folds" not in cv.stdout:
            return f"train.py --folds {k} failed:\n{cv.stdout[-2000:]}\n{cv.stderr[-2000:]}"
        sizes = [tuple(int(n) for n in m) for m in re.findall(r"Fold \d+/\d+: (\d+) training and (\d+) validation samples", cv.stdout)]
        expected_sizes = list(zip(case["folds"]["train"], case["folds"]["validation"]))
        if sizes != expected_sizes:
            return f"fold sizes (training, validation): Python {sizes}, the app {expected_sizes}"
        spread = re.search(r"accuracy: ([\d.]+) ± ([\d.]+)", cv.stdout)
        if not spread:
            return f"train.py --folds {k} printed no mean ± sd:\n{cv.stdout[-1500:]}"
        thinned += f"; --folds {k} runs the browser's folds (sizes {sizes}), accuracy {spread[1]} ± {spread[2]}"
    run = subprocess.run([sys.executable, os.path.join(folder, "train.py"), *case["args"], "--save", os.path.join(folder, "trained.keras")], capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        return f"train.py failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}"
    # The hostile names' payloads print a line "pwned" if they run (echo, or SystemExit's message); the names
    # themselves may be printed (the class weights name their classes), quoted inside a longer line.
    if any(line.strip() == "pwned" for line in (run.stdout + run.stderr).splitlines()):
        return "a name ran as code"
    if "Validation after" not in run.stdout:
        return f"train.py printed no final scores:\n{run.stdout[-2000:]}"
    scores = final_scores(run.stdout)
    expected = {"mse", "mae", "r2"} if "r2" in scores else {"loss", "accuracy", "precision", "recall", "f1"}
    if set(scores) != expected or not all(math.isfinite(float(v)) for v in scores.values()):
        return f"train.py printed {scores}"
    shown = ", ".join(f"{k} {float(v):.3f}" for k, v in scores.items())
    if "trainable" in case:
        # An epoch of Keras training leaves the frozen layers' weights exactly the browser's.
        saved = train.keras.models.load_model(os.path.join(folder, "trained.keras"), compile=False)
        browser = list(train.read_browser_weights(folder).values())
        weighted = [layer for layer in saved.layers if layer.weights]
        frozen = [(layer, weights) for layer, weights in zip(weighted, browser) if not layer.trainable]
        if not frozen:
            return "no layer of the saved model is frozen"
        for layer, weights in frozen:
            if not all(np.array_equal(v.numpy(), weights[v.name]) for v in layer.weights):
                return f"Keras training changed the frozen layer {layer.name}"
        thinned += f"; Keras trains {case['trainable']:,} parameters and leaves the {len(frozen)} frozen layers' weights bit for bit"

    same = ""
    if "pageScores" in case:
        # The browser's split of the images (split.json): the browser's weights give the page's scores.
        # Loaded whole, and streamed from the IDX files in blocks: the same images, the page's scores.
        for extra in ([], ["--stream"]):
            full = subprocess.run([sys.executable, os.path.join(folder, "train.py"), *case["dataArgs"], *extra, "--epochs", "0", "--save", os.path.join(folder, "same.keras")], capture_output=True, text=True, timeout=600)
            if full.returncode != 0 or "Validation with the browser's weights:" not in full.stdout:
                return f"train.py --epochs 0 {' '.join(extra)} failed:\n{full.stdout[-1500:]}\n{full.stderr[-2000:]}"
            printed = browser_scores(full.stdout)
            page = {k: case["pageScores"][k] for k in printed}
            if not printed or not all(abs(printed[k] - page[k]) <= TOLERANCE for k in printed):
                return f"with the browser's weights train.py {' '.join(extra)} printed {printed}, the page {page}"
        same = f"; on the browser's split, loaded or streamed, the page's validation scores (accuracy {page['accuracy']:.4f})"
    rates = f"; its {train.EXPERIMENT['schedule']['name']} schedule gives the app's rates at {len(case['schedule']['steps'])} steps" if "schedule" in case else ""
    return f"ok: {params:,} parameters as in the builder; predictions within {gap:.1e} of tfjs; after 1 epoch on a slice: {shown}{same}{rates}{thinned}"


def printed_scores(output, title):
    """The scores train.py printed under `title` (up to the next line that is not a score), as numbers."""
    after = output.split(title, 1)
    if len(after) < 2:
        raise AssertionError(f"no {title!r} in:\n{output[-1500:]}")
    # The rest of the title's line, then the indented "name value" lines under it.
    block = re.match(r"[^\n]*\n((?:[ \t]+\w+[ \t]+\S+\n?)*)", after[1]).group(1)
    return {k: float(v) for k, v in re.findall(r"^\s+(\w+)\s+(\S+)$", block, re.M)}


def final_scores(output):
    """The scores train.py printed after training."""
    return printed_scores(output, "Validation after")


def browser_scores(output):
    """The scores train.py printed for the browser's weights, before training."""
    return printed_scores(output, "Validation with the browser's weights:")


def close(a, b, tolerance=1e-4):
    return a.keys() == b.keys() and all(abs(a[k] - b[k]) <= tolerance for k in a)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def worker_env(workers, index):
    return {**os.environ, "TF_CONFIG": json.dumps({"cluster": {"worker": workers}, "task": {"type": "worker", "index": index}})}


def check_cluster(folder):
    """The cluster path, for real, on one machine: two workers train and agree with one process; a worker
    alone gives up within --wait naming its peer; a job killed after a checkpoint resumes from it."""
    train = os.path.join(folder, "train.py")
    run = lambda *args, **kw: subprocess.run([sys.executable, train, "--from-scratch", *args], capture_output=True, text=True, timeout=300, **kw)
    timings = {}

    # One process, global batch 32.
    started = time.monotonic()
    single = run("--epochs", "3", "--batch-size", "32", "--checkpoint-dir", os.path.join(folder, "ck-single"), "--save", os.path.join(folder, "single.keras"))
    if single.returncode != 0:
        return f"one process failed:\n{single.stderr[-3000:]}"
    expected = final_scores(single.stdout)

    # Two workers, 16 per replica: the same global batch and learning rate.
    workers = [f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"]
    started = time.monotonic()
    procs = [
        subprocess.Popen([sys.executable, train, "--from-scratch", "--epochs", "3", "--batch-size", "16", "--wait", "60",
                          "--checkpoint-dir", os.path.join(folder, "ck-cluster"), "--log-dir", os.path.join(folder, "logs-cluster"),
                          "--save", os.path.join(folder, f"worker{i}.keras")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=worker_env(workers, i))
        for i in range(2)
    ]
    outs = [p.communicate(timeout=240) for p in procs]
    timings["two workers"] = time.monotonic() - started
    for i, (p, (out, err)) in enumerate(zip(procs, outs)):
        if p.returncode != 0:
            return f"worker {i} failed ({p.returncode}):\n{out[-1500:]}\n{err[-3000:]}"
        if "Replicas: 2 · global batch 32 (16 per replica)" not in out:
            return f"worker {i} did not say its replicas and batch:\n{out[-1500:]}"
    scores = [final_scores(out) for out, _ in outs]
    if not close(scores[0], scores[1], 1e-6):
        return f"the workers disagree: {scores}"
    if not close(scores[0], expected):
        return f"two workers {scores[0]} against one process {expected}"
    # Only the chief wrote the model and the logs; a finished run leaves no checkpoint.
    if os.path.exists(os.path.join(folder, "worker1.keras")) or not os.path.exists(os.path.join(folder, "worker0.keras")):
        return "the final model was not written by the chief alone"
    with open(os.path.join(folder, "logs-cluster", "training.csv"), encoding="utf-8") as f:
        rows = f.read().strip().splitlines()
    if len(rows) != 4 or not rows[0].startswith("epoch,loss,val_loss") or not os.listdir(os.path.join(folder, "logs-cluster", "tensorboard")):
        return f"the chief's logs are not as expected: {rows}"
    if os.path.exists(os.path.join(folder, "ck-cluster")):
        return "a finished run left its checkpoints"

    # A worker whose peer never starts gives up within --wait, naming it.
    workers = [f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"]
    started = time.monotonic()
    alone = subprocess.run([sys.executable, train, "--from-scratch", "--epochs", "3", "--wait", "5", "--checkpoint-dir", os.path.join(folder, "ck-alone")],
                           capture_output=True, text=True, timeout=120, env=worker_env(workers, 0))
    timings["alone"] = time.monotonic() - started
    if alone.returncode == 0 or f"worker 1 at {workers[1]} did not join within 5 s" not in alone.stderr:
        return f"a lone worker did not give up as it should ({alone.returncode}):\n{alone.stderr[-1500:]}"

    # A worker that dies mid-run: its peer gives up within --wait, naming it.
    workers = [f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"]
    started = time.monotonic()
    procs = [
        subprocess.Popen([sys.executable, train, "--from-scratch", "--epochs", "500", "--wait", "6", "--checkpoint-dir", os.path.join(folder, f"ck-die{i}"),
                          "--log-dir", os.path.join(folder, "logs-die"), "--save", os.path.join(folder, f"die{i}.keras")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=worker_env(workers, i))
        for i in range(2)
    ]
    for line in procs[1].stdout:
        if line.startswith("Epoch 1/"):
            procs[1].kill()
            break
    try:
        _, err = procs[0].communicate(timeout=90)
    finally:
        for p in procs:
            p.kill()
    timings["peer died"] = time.monotonic() - started
    if procs[0].returncode == 0 or f"worker 1 at {workers[1]} stopped answering" not in err:
        return f"a worker whose peer died did not give up as it should ({procs[0].returncode}):\n{err[-1500:]}"

    # Killed after its first checkpoint, started again: it resumes there, and ends as the uninterrupted run.
    started = time.monotonic()
    ck = os.path.join(folder, "ck-resume")
    shutil.rmtree(ck, ignore_errors=True)
    args = ["--epochs", "20", "--checkpoint-dir", ck, "--save", os.path.join(folder, "resumed.keras")]
    whole = run("--epochs", "20", "--checkpoint-dir", os.path.join(folder, "ck-whole"), "--save", os.path.join(folder, "whole.keras"))
    killed = subprocess.Popen([sys.executable, train, "--from-scratch", *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in killed.stdout:
        if "checkpoint 1)" in line:
            killed.kill()
            break
    killed.wait()
    again = run(*args)
    timings["kill and resume"] = time.monotonic() - started
    resumed = re.search(r"Resuming from epoch (\d+)", again.stdout)
    if again.returncode != 0 or not resumed or not 1 <= int(resumed.group(1)) < 20:
        return f"the killed run did not resume from its checkpoint:\n{again.stdout[-1500:]}\n{again.stderr[-1500:]}"
    if not close(final_scores(again.stdout), final_scores(whole.stdout)):
        return f"resumed {final_scores(again.stdout)} against uninterrupted {final_scores(whole.stdout)}"
    # Streamed through tf.data (one file, a glob of two), the rows and encodings are the ones loaded whole.
    started = time.monotonic()
    loaded = subprocess.run([sys.executable, train, "--epochs", "0", "--checkpoint-dir", os.path.join(folder, "ck-s0")], capture_output=True, text=True, timeout=120)
    streamed = subprocess.run([sys.executable, train, "--epochs", "0", "--stream", "--checkpoint-dir", os.path.join(folder, "ck-s1")], capture_output=True, text=True, timeout=120)
    with open(os.path.join(folder, "data.csv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    half = 1 + (len(lines) - 1) // 2
    for name, part in (("part-a.csv", lines[1:half]), ("part-b.csv", lines[half:])):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write("\n".join([lines[0], *part]) + "\n")
    globbed = subprocess.run([sys.executable, train, "--epochs", "0", "--data", os.path.join(folder, "part-*.csv"), "--checkpoint-dir", os.path.join(folder, "ck-s2")], capture_output=True, text=True, timeout=120)
    for label, result in (("loaded", loaded), ("streamed", streamed), ("a glob", globbed)):
        if result.returncode != 0:
            return f"{label} failed:\n{result.stdout[-1500:]}\n{result.stderr[-2000:]}"
    if not close(browser_scores(streamed.stdout), browser_scores(loaded.stdout), 1e-6) or not close(browser_scores(globbed.stdout), browser_scores(loaded.stdout), 1e-6):
        return f"streamed {browser_scores(streamed.stdout)} or globbed {browser_scores(globbed.stdout)} against loaded {browser_scores(loaded.stdout)}"
    # Two workers stream their own shards and finish together.
    workers = [f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"]
    procs = [
        subprocess.Popen([sys.executable, train, "--from-scratch", "--epochs", "2", "--stream", "--batch-size", "8", "--wait", "60",
                          "--checkpoint-dir", os.path.join(folder, "ck-stream"), "--log-dir", os.path.join(folder, "logs-stream"), "--save", os.path.join(folder, f"stream{i}.keras")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=worker_env(workers, i))
        for i in range(2)
    ]
    outs = [p.communicate(timeout=240) for p in procs]
    if any(p.returncode != 0 for p in procs):
        return f"streaming workers failed: {[p.returncode for p in procs]}\n{outs[0][1][-2000:]}\n{outs[1][1][-2000:]}"
    if not close(final_scores(outs[0][0]), final_scores(outs[1][0]), 1e-6):
        return "the streaming workers disagree"
    timings["streamed"] = time.monotonic() - started

    shown = ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
    return f"ok: two workers agree with one process within 1e-4 (accuracy {scores[0]['accuracy']:.4f}); a lone worker, and one whose peer died mid-run, gave up naming it; a run killed after a checkpoint resumed from epoch {resumed.group(1)} and ended as the uninterrupted one; streamed rows (one file, a glob, two workers' shards) score as the loaded ones ({shown})"


def check_literals(path):
    """Each [text, literal] pair: Python reads the literal as exactly the text, and running it does nothing else."""
    with open(path, encoding="utf-8", errors="surrogatepass") as f:
        pairs = json.load(f)
    for text, literal in pairs:
        if ast.literal_eval(literal) != text:
            return f"{literal} reads as {ast.literal_eval(literal)!r}, not {text!r}"
    return f"ok: {len(pairs)} hostile strings read back exactly by ast.literal_eval"


def check_parse(folder, root):
    """Every generated Python file parses: the hostile-name sources here, and each case's train.py."""
    paths = [os.path.join(folder, name) for name in sorted(os.listdir(folder))]
    paths += [os.path.join(root, name, "train.py") for name in sorted(os.listdir(root)) if os.path.isfile(os.path.join(root, name, "train.py"))]
    for path in paths:
        with open(path, encoding="utf-8", errors="surrogatepass") as f:
            ast.parse(f.read(), filename=path)
    return f"ok: {len(paths)} generated files parse with ast.parse"


def main(root):
    failed = 0
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        try:
            if name == "literals.json":
                result = check_literals(folder)
            elif name == "parse":
                result = check_parse(folder, root)
            elif name == "cluster":
                result = check_cluster(folder)
            else:
                result = check(folder)
        except Exception as error:  # report every case, then fail
            result = f"{type(error).__name__}: {error}"
        ok = result.startswith("ok:")
        failed += 0 if ok else 1
        print(f"{'PASS' if ok else 'FAIL'} {name}: {result}", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1])
