// Makes the virtualenv the Python check uses (.venv, ignored by git):
// python3 -m venv, then `pip install --retries 0 -r requirements-cpu.txt`:
// exactly the file the exported project carries for CPU-only machines
// (src/share/python/requirements-cpu.txt; offline from a local index on the
// project's machines, ~20 s). Without
// python3 it says so and the check is skipped; with PYTHON_CHECK=require
// (set by .ci/run) a failure to set it up fails the build instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const VENV = join(ROOT, '.venv');
const PYTHON = join(VENV, 'bin', 'python');
const required = process.env.PYTHON_CHECK === 'require';
const REQUIREMENTS = join(ROOT, 'src', 'share', 'python', 'requirements-cpu.txt');
const IMPORTS = 'import tensorflow, keras, tensorboard';

const run = (command, args) => spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] }).status === 0;
const quiet = (command, args) => spawnSync(command, args, { cwd: ROOT, stdio: 'ignore' }).status === 0;

function giveUp(reason) {
  console.log(`python-env: ${reason}; the Keras export check will be skipped.`);
  process.exit(required ? 1 : 0);
}

if (existsSync(PYTHON) && quiet(PYTHON, ['-c', IMPORTS])) process.exit(0);
if (!quiet('python3', ['--version'])) giveUp('python3 is not installed');
if (!existsSync(PYTHON)) {
  console.log('python-env: creating .venv');
  if (!run('python3', ['-m', 'venv', VENV])) giveUp('python3 -m venv failed (on Debian: apt install python3-venv)');
}
console.log('python-env: installing src/share/python/requirements-cpu.txt into .venv');
if (!run(PYTHON, ['-m', 'pip', 'install', '-q', '--retries', '0', '-r', REQUIREMENTS]))
  giveUp('pip could not install requirements-cpu.txt');
if (!quiet(PYTHON, ['-c', IMPORTS])) giveUp('tensorflow, keras or tensorboard does not import in .venv');
console.log('python-env: ready');
