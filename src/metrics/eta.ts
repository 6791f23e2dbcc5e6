// How long a run has left, from its measured speed: said in the page when it is long. Pure.

/** Runs expected to take longer than this say how long, from the measured speed. */
const LONG_RUN_SECONDS = 120;

/** Seconds in words: "45 s", "12 min", "1.5 h". */
export const formatDuration = (seconds: number) =>
  seconds < 90 ? `${Math.round(seconds)} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;

/** Seconds of training left in a run that ends by itself, from its measured speed; null before a speed is known or for a run until stopped. */
export function remainingSeconds(run: Parameters<typeof secondsLeft>[0]): number | null {
  if (!run.config || run.config.untilStopped || run.samplesPerSecond <= 0 || run.stepsPerEpoch === 0) return null;
  const stepsLeft = Math.max(0, run.config.epochs * run.stepsPerEpoch - run.step);
  return (stepsLeft * (run.trainSamples / run.stepsPerEpoch)) / run.samplesPerSecond;
}

/** Seconds left in a run that ends by itself, from its training speed so far; null for a short one, or before a speed is known. */
export function secondsLeft(run: {
  status: string;
  epoch: number;
  step: number;
  stepsPerEpoch: number;
  trainSamples: number;
  samplesPerSecond: number;
  config: { epochs: number; untilStopped: boolean } | null;
}): number | null {
  const seconds = run.status === 'running' ? remainingSeconds(run) : null;
  return seconds !== null && seconds > LONG_RUN_SECONDS ? seconds : null;
}
