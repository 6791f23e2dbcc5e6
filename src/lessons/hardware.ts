// Hardware: the same model on the backends this machine has, read from what
// the run measured. On a laptop without a GPU the fastest is often WASM, and
// a "GPU" backend may be a software adapter on the CPU: the lesson says what
// this machine showed, never what a GPU would do.
import { changedWords, finalAccuracy, fmt, type RunFacts } from './facts';
import type { Lesson } from './types';

const MLP = 'v=1&ds=mnist-sample&m=flatten()~dense(128_relu)~dense(64_relu)&opt=adam&lr=0.001&bs=64&ep=2&tf=0.5&pace=max&until=0&seed=1';
const NAMES: Record<string, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'plain JavaScript (tfjs CPU)',
  fused: 'our fused engine',
};
const nameOf = (backend: string | null) => (backend ? (NAMES[backend] ?? backend) : 'no backend');
const rate = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : Math.round(value).toLocaleString('en-US');
/** A reason, cut at a word near 100 characters. */
const short = (text: string) => (text.length <= 100 ? text : `${text.slice(0, 100).replace(/\s+\S*$/, '')}…`);
const GPU = 'a GPU backend (WebGPU or WebGL)';
const WASM = 'WASM (the CPU, with SIMD)';
const CPU = 'JavaScript on the CPU (tfjs CPU, or our fused engine)';

/** The backend that trained fastest: the fastest auto measured, or the run's own. */
function fastest(run: RunFacts): string | null {
  const measured = run.speeds.filter((s) => s.samplesPerSecond !== null).sort((a, b) => b.samplesPerSecond! - a.samplesPerSecond!);
  return measured[0]?.backend ?? run.backend;
}
const kind = (backend: string | null) => (backend === 'webgpu' || backend === 'webgl' ? GPU : backend === 'wasm' ? WASM : CPU);
const softwareWords = (run: RunFacts) =>
  run.software
    ? ` This machine's WebGL and WebGPU run on a software adapter (${run.software.slice(0, 60)}): the "GPU" is the CPU doing a graphics card's work, and its speed here says nothing about a real one.`
    : '';

export const hardware: Lesson = {
  id: 'hardware',
  title: 'CPU or GPU? Your machine, measured',
  summary: 'The same network on the backends your machine has: which is fastest here, read from your own runs.',
  steps: [
    {
      title: 'What auto measured',
      text: [
        'Training is mostly multiplying matrices. A GPU does thousands of multiplications at once; a CPU does a few, very fast. The browser offers several ways to reach them: WebGPU and WebGL (the graphics card), WASM (the CPU with SIMD, several numbers per instruction) and plain JavaScript.',
        'On auto, the app times a few steps of this model on each backend it has and trains on the fastest. Which wins depends on the machine, not on what is usually true.',
      ],
      preset: `${MLP}&be=auto`,
      prediction: {
        question: 'On your machine, the fastest backend for this network will be…',
        choices: [GPU, WASM, CPU],
        answer: (run) => kind(fastest(run)),
      },
      goal: { text: 'Train two epochs on auto and read what it measured.', met: (run) => run.samplesPerSecond !== null },
      reading: (run, { prediction, changed }) => {
        const measured = run.speeds
          .slice()
          .sort((a, b) => (b.samplesPerSecond ?? -1) - (a.samplesPerSecond ?? -1))
          .map(
            (s) =>
              `${nameOf(s.backend)} ${s.samplesPerSecond === null ? `not timed (${short(s.reason ?? 'it cannot train this model here')})` : `${rate(s.samplesPerSecond)} samples/s`}`,
          );
        const top = fastest(run);
        const answer = kind(top);
        return `${measured.length > 0 ? `Auto measured: ${measured.join(', ')}. ` : ''}It trained on ${nameOf(run.backend)}: the whole run, validation and drawing included, went at ${rate(run.samplesPerSecond)} samples/s, to validation accuracy ${fmt(finalAccuracy(run))}. ${
          prediction === null
            ? `The fastest here: ${answer}.`
            : prediction === answer
              ? `Your prediction (${prediction}) held.`
              : `You predicted ${prediction}; here the fastest was ${answer}.`
        }${top === 'wasm' ? ' On a machine without a usable GPU this is the usual result: WASM computes on the CPU, but in compiled code with SIMD, far ahead of plain JavaScript.' : ''}${softwareWords(run)}${changedWords(changed)}`;
      },
    },
    {
      title: 'Plain JavaScript',
      text: [
        'The same two epochs on tfjs’s plain JavaScript backend: the CPU, one number at a time. It is what every browser has, and the floor to measure the others against.',
      ],
      preset: `${MLP}&be=cpu`,
      goal: { text: 'Train on plain JavaScript and read its speed.', met: (run) => run.samplesPerSecond !== null },
      reading: (run, { changed, earlier }) => {
        const auto = earlier[0];
        const times = auto?.samplesPerSecond && run.samplesPerSecond ? auto.samplesPerSecond / run.samplesPerSecond : null;
        return `${nameOf(run.backend)} trained at ${rate(run.samplesPerSecond)} samples/s${
          auto ? `; auto's choice, ${nameOf(auto.backend)}, at ${rate(auto.samplesPerSecond)}` : ' (run the first step to compare)'
        }${times !== null && auto?.backend !== run.backend ? `: ${times >= 1 ? `${fmt(times, 1)} times as fast` : `${fmt(1 / times, 1)} times slower`} than plain JavaScript` : ''}. Both reached about the same accuracy (${fmt(finalAccuracy(run))}${
          auto ? ` here, ${fmt(finalAccuracy(auto))} there` : ''
        }): a backend changes how fast the numbers come, not what they are.${changedWords(changed)}`;
      },
    },
    {
      title: 'A GPU backend',
      text: [
        'Now the same two epochs on WebGL, the graphics card through the browser. On a laptop with a GPU this is where large models train fastest. On one without, the browser may offer a software adapter that runs the GPU’s work on the CPU.',
      ],
      preset: `${MLP}&be=webgl`,
      goal: {
        text: 'Train on WebGL and read its speed (or learn that it cannot start here).',
        met: (run) => run.samplesPerSecond !== null || run.error !== null,
      },
      reading: (run, { changed, earlier }) => {
        if (run.samplesPerSecond === null)
          return `WebGL did not train here${run.error ? `: ${run.error.slice(0, 160)}` : ''}. That is a fact about this machine and browser: the other backends still train the same model.${changedWords(changed)}`;
        const [auto, plain] = earlier;
        const label = nameOf(run.backend);
        const speeds = [
          [label, run.samplesPerSecond],
          ...(auto ? [[nameOf(auto.backend), auto.samplesPerSecond] as const] : []),
          ...(plain ? [['plain JavaScript', plain.samplesPerSecond] as const] : []),
        ] as const;
        const ranked = [...speeds].sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
        return `${label} trained at ${rate(run.samplesPerSecond)} samples/s to validation accuracy ${fmt(finalAccuracy(run))}. Your runs, fastest first: ${ranked
          .map(([name, value]) => `${name} ${rate(value)}`)
          .join(
            ', ',
          )}. ${run.backend !== 'webgl' && run.backend !== 'webgpu' ? '' : ranked[0][0] === label ? 'The graphics card wins on this machine.' : `On this machine ${ranked[0][0]} beats the graphics card backend for this network.`}${softwareWords(run)} A small network like this one gives a GPU little to do at once; the larger the model and the batch, the more a real GPU pulls ahead.${changedWords(changed)}`;
      },
    },
  ],
};
