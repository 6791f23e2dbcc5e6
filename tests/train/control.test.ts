import { describe, expect, it } from 'vitest';
import { RunControl } from '../../src/train/run/control';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('RunControl', () => {
  it('lets batches through until paused, then waits for resume', async () => {
    const control = new RunControl();
    expect(await control.beforeBatch()).toBe(true);
    control.pause();
    let waited = 0;
    let released = false;
    const next = control.beforeBatch(async () => void waited++).then((go) => (released = go));
    await tick();
    expect(released).toBe(false);
    expect(waited).toBe(1);
    control.resume();
    await next;
    expect(released).toBe(true);
  });

  it('step lets exactly one batch through, then pauses again', async () => {
    const control = new RunControl();
    control.pause();
    control.step();
    expect(await control.beforeBatch()).toBe(true);
    expect(control.willWait).toBe(true);
    let second = false;
    void control.beforeBatch().then(() => (second = true));
    await tick();
    expect(second).toBe(false);
    control.step();
    await tick();
    expect(second).toBe(true);
  });

  it('stop ends a paused or running loop', async () => {
    const control = new RunControl();
    control.pause();
    const waiting = control.beforeBatch();
    control.stop();
    expect(await waiting).toBe(false);
    expect(await control.beforeBatch()).toBe(false);
  });
});
