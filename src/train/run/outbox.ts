// What the worker sends the page while training, paced to what a page can
// draw: batch points merged into a few per message, epoch points in order,
// and only the newest boundary grid (an older one never sent is dropped).
// At most one flush per FRAME_MS, whatever the training speed.
import type { BatchPoint, EpochPoint } from '../../metrics/types';
import type { FromWorker } from '../protocol';

/** About one message burst per display frame at 30-60 Hz. */
export const FRAME_MS = 20;
/** Batch points per flush, at most: more are merged (sample-weighted means). */
export const MAX_POINTS_PER_FLUSH = 12;
const SPEED_WINDOW_MS = 500;

type Boundary = Extract<FromWorker, { type: 'boundary' }>;
type Picture = Extract<FromWorker, { type: 'picture' }>;

/** Merges consecutive batch points into at most `max`, keeping the last step of each group and sample-weighted means. */
export function mergePoints(points: BatchPoint[], max: number): BatchPoint[] {
  if (points.length <= max) return points;
  const merged: BatchPoint[] = [];
  const per = points.length / max;
  for (let g = 0; g < max; g++) {
    const group = points.slice(Math.round(g * per), Math.round((g + 1) * per));
    if (group.length === 0) continue;
    const last = group[group.length - 1];
    const size = group.reduce((sum, p) => sum + p.size, 0);
    const mean = (pick: (p: BatchPoint) => number) => group.reduce((sum, p) => sum + pick(p) * p.size, 0) / Math.max(size, 1);
    const point: BatchPoint = { step: last.step, epoch: last.epoch, size, loss: mean((p) => p.loss) };
    if (last.accuracy !== undefined) point.accuracy = mean((p) => p.accuracy ?? 0);
    merged.push(point);
  }
  return merged;
}

export class Outbox {
  private points: BatchPoint[] = [];
  private epochs: { point: EpochPoint; tensors: number }[] = [];
  private boundary: Boundary | null = null;
  private picture: Picture | null = null;
  private lastFlush = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private windowStart = performance.now();
  private windowSamples = 0;
  private samplesPerSecond = 0;

  constructor(
    private readonly runId: number,
    private readonly post: (message: FromWorker) => void,
  ) {}

  batch(point: BatchPoint): void {
    this.points.push(point);
    this.windowSamples += point.size;
    this.schedule();
  }

  epoch(point: EpochPoint, tensors: number): void {
    this.epochs.push({ point, tensors });
    this.schedule();
  }

  /** Replaces any network picture not yet sent. */
  setPicture(message: Picture): void {
    this.picture = message;
    this.schedule();
  }

  /** Replaces any boundary not yet sent. */
  setBoundary(message: Boundary): void {
    this.boundary = message;
    this.schedule();
  }

  /** Time spent paused must not count toward samples per second. */
  restartSpeedWindow(): void {
    this.windowStart = performance.now();
    this.windowSamples = 0;
  }

  /** Sends everything pending now (before pause, done, error, a learning-rate marker). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlush = performance.now();
    const { runId } = this;
    if (this.points.length > 0) {
      const now = performance.now();
      // Speed over at least half a second, so the readout is steady.
      if (this.windowSamples > 0 && (now - this.windowStart >= SPEED_WINDOW_MS || this.samplesPerSecond === 0)) {
        this.samplesPerSecond = (this.windowSamples * 1000) / Math.max(now - this.windowStart, 1);
        this.windowStart = now;
        this.windowSamples = 0;
      }
      this.post({
        type: 'progress',
        runId,
        points: mergePoints(this.points, MAX_POINTS_PER_FLUSH),
        samplesPerSecond: this.samplesPerSecond,
      });
      this.points = [];
    }
    for (const { point, tensors } of this.epochs) this.post({ type: 'epoch-end', runId, point, tensors });
    this.epochs = [];
    if (this.boundary) this.post(this.boundary);
    this.boundary = null;
    if (this.picture) this.post(this.picture);
    this.picture = null;
  }

  /** Flushes at once when a frame has passed, else once the frame is up (the loop yields often enough for the timer). */
  private schedule(): void {
    const since = performance.now() - this.lastFlush;
    if (since >= FRAME_MS) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), FRAME_MS - since);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
