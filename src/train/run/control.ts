/**
 * Pause / resume / step / stop for a running loop, as a tiny state machine
 * with no tfjs and no messaging, so that it can be tested on its own. The
 * loop calls `beforeBatch()` and trains a batch only when it resolves true.
 */
export class RunControl {
  private paused = false;
  private stopped = false;
  /** Batches still allowed while otherwise paused (the Step button). */
  private stepBudget = 0;
  private wake: (() => void) | null = null;
  private pendingLearningRate: number | null = null;
  /** The shortest an epoch may take (the run's pace); 0: unpaced. */
  minEpochMs = 0;

  /** Sets the pace: at most `epochsPerSecond` epochs a second (Infinity: unpaced), from the next epoch on. */
  setPace(epochsPerSecond: number): void {
    this.minEpochMs = Number.isFinite(epochsPerSecond) && epochsPerSecond > 0 ? 1000 / epochsPerSecond : 0;
    // A pace that became faster should not wait out the slower pace's delay.
    this.notifyPace();
  }

  private paceWake: (() => void) | null = null;

  /** Waits until `until` (performance.now() time), or sooner when the pace changes or the run is paused or stopped. */
  waitUntil(until: number): Promise<void> {
    const ms = until - performance.now();
    if (ms <= 1 || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.paceWake = done;
    });
  }

  private notifyPace(): void {
    const wake = this.paceWake;
    this.paceWake = null;
    wake?.();
  }

  /** Asks for a new learning rate from the next batch on. */
  setLearningRate(learningRate: number): void {
    this.pendingLearningRate = learningRate;
  }

  /** The learning rate asked for since the last call, if any. */
  takeLearningRate(): number | null {
    const value = this.pendingLearningRate;
    this.pendingLearningRate = null;
    return value;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** True when the next `beforeBatch()` will wait. */
  get willWait(): boolean {
    return !this.stopped && this.paused && this.stepBudget === 0;
  }

  pause(): void {
    this.paused = true;
    this.notifyPace();
  }

  resume(): void {
    this.paused = false;
    this.stepBudget = 0;
    this.notify();
  }

  /** Allow exactly one more batch, then stay paused. */
  step(): void {
    this.paused = true;
    this.stepBudget++;
    this.notify();
  }

  stop(): void {
    this.stopped = true;
    this.notify();
    this.notifyPace();
  }

  /**
   * Resolves true when a batch may run, false when the run must end.
   * `onWait` runs once before waiting (to flush pending results and tell
   * the page that the run is paused).
   */
  async beforeBatch(onWait?: () => Promise<void>): Promise<boolean> {
    if (this.willWait && onWait) await onWait();
    while (this.willWait) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.stopped) return false;
    if (this.paused && this.stepBudget > 0) this.stepBudget--;
    return true;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
