"""The Python half of the Keras export check (run by tests/python/kerasProject.test.ts).

For each exported project under ROOT: import its train.py, build the model,
check Keras's parameter count against the app's, load the browser's weights
and compare predictions with tfjs's (within 1e-4); then run train.py for one
epoch on a small slice and check that it prints finite scores.
"""

import ast
import importlib.util
import json
import math
import os
import re
import subprocess
import sys

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
    train.load_browser_weights(model, folder)
    inputs = np.array(case["inputs"], dtype="float32").reshape((-1, *case["inputShape"]))
    ours = model.predict(inputs, verbose=0).reshape(-1)
    theirs = np.array(case["outputs"], dtype="float32")
    gap = float(np.max(np.abs(ours - theirs)))
    if not gap <= TOLERANCE:
        return f"predictions differ from tfjs by up to {gap:.2e}"
    run = subprocess.run([sys.executable, os.path.join(folder, "train.py"), *case["args"], "--save", os.path.join(folder, "trained.keras")], capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        return f"train.py failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}"
    if "pwned" in run.stdout + run.stderr:
        return "a name ran as code"
    after = run.stdout.split("Validation after", 1)
    if len(after) < 2:
        return f"train.py printed no final scores:\n{run.stdout[-2000:]}"
    scores = dict(re.findall(r"^\s+(\w+)\s+(\S+)$", after[1], re.M))
    expected = {"mse", "mae", "r2"} if "r2" in scores else {"loss", "accuracy", "precision", "recall", "f1"}
    if set(scores) != expected or not all(math.isfinite(float(v)) for v in scores.values()):
        return f"train.py printed {scores}"
    shown = ", ".join(f"{k} {float(v):.3f}" for k, v in scores.items())
    return f"ok: {params:,} parameters as in the builder; predictions within {gap:.1e} of tfjs; after 1 epoch on a slice: {shown}"


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
