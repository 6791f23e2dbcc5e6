// Learning-rate schedules: the rate at each step of a run, from the
// experiment's base rate. Pure; the training loop sets it before every step
// (both engines), the page draws it, and the Keras export computes the same
// formula (share/python/train_template.py, PlaygroundSchedule).

export const SCHEDULES = ['constant', 'step', 'exponential', 'cosine', 'onecycle'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

export const SCHEDULE_LABELS: Record<ScheduleName, string> = {
  constant: 'Constant',
  step: 'Step decay',
  exponential: 'Exponential decay',
  cosine: 'Cosine, with warm-up',
  onecycle: 'One-cycle',
};

/** One-cycle (Smith's, as fastai runs it): from rate / 25 up to the rate over the first 30 % of steps, then down to rate / 10,000. */
export const ONE_CYCLE = { start: 25, end: 1e4, rise: 0.3 } as const;

export interface ScheduleSettings {
  schedule: ScheduleName;
  /** Step decay: the rate is multiplied by decayRate every decayEvery epochs; exponential: by decayRate each epoch, smoothly. */
  decayRate: number;
  decayEvery: number;
  /** Cosine: epochs of linear warm-up from 0 before the cosine descent to 0. */
  warmupEpochs: number;
}

/**
 * The rate for global step `step` (from 1) of a run of `totalSteps` steps
 * of `stepsPerEpoch` each, with base rate `base`. After totalSteps (a run
 * until stopped) the rate holds where the schedule ended.
 */
export function rateAt(settings: ScheduleSettings, base: number, step: number, stepsPerEpoch: number, totalSteps: number): number {
  const perEpoch = Math.max(1, stepsPerEpoch);
  const total = Math.max(1, totalSteps);
  const s = Math.min(Math.max(1, step), total);
  const cosineFall = (from: number, to: number, t: number) => to + (from - to) * 0.5 * (1 + Math.cos(Math.PI * t));
  switch (settings.schedule) {
    case 'constant':
      return base;
    case 'step':
      return base * settings.decayRate ** Math.floor((s - 1) / (Math.max(1, settings.decayEvery) * perEpoch));
    case 'exponential':
      return base * settings.decayRate ** ((s - 1) / perEpoch);
    case 'cosine': {
      const warm = Math.min(total - 1, Math.round(settings.warmupEpochs * perEpoch));
      if (s <= warm) return (base * s) / warm;
      return cosineFall(base, 0, (s - warm) / Math.max(1, total - warm));
    }
    case 'onecycle': {
      const up = Math.max(1, Math.round(ONE_CYCLE.rise * total));
      if (s <= up) return cosineFall(base, base / ONE_CYCLE.start, 1 - s / up);
      return cosineFall(base, base / ONE_CYCLE.end, (s - up) / Math.max(1, total - up));
    }
  }
}

/** The rate over a run, at about `points` evenly spread steps (for the settings' small curve). */
export function scheduleCurve(
  settings: ScheduleSettings,
  base: number,
  stepsPerEpoch: number,
  totalSteps: number,
  points = 60,
): { step: number; rate: number }[] {
  const total = Math.max(1, totalSteps);
  const steps = [...new Set(Array.from({ length: points }, (_, k) => 1 + Math.round((k * (total - 1)) / Math.max(1, points - 1))))];
  return steps.map((step) => ({ step, rate: rateAt(settings, base, step, stepsPerEpoch, total) }));
}
