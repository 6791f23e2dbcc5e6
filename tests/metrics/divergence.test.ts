import { describe, expect, it } from 'vitest';
import { DIVERGENCE_WINDOW, divergenceAdvice, DivergenceWatch, untrainedLoss } from '../../src/metrics/divergence';

function feed(watch: DivergenceWatch, losses: number[]) {
  let verdict = null;
  losses.forEach((loss, i) => (verdict ??= watch.add(i + 1, loss)));
  return verdict;
}

describe('divergence watch', () => {
  it('flags a loss that sits above the untrained loss (SGD at a huge rate: loss 8-15, never NaN)', () => {
    const watch = new DivergenceWatch(untrainedLoss('classification', 10));
    const verdict = feed(
      watch,
      Array.from({ length: 100 }, (_, i) => 8 + (i % 7)),
    );
    expect(verdict).toMatchObject({ kind: 'stuck-high', step: 2 * DIVERGENCE_WINDOW });
    expect(divergenceAdvice(verdict!, 'SGD', 9.99, 0.1)).toContain('The learning rate 9.99 is high for SGD');
    expect(divergenceAdvice(verdict!, 'SGD', 9.99, 0.1)).toContain('or switch to Adam');
  });

  it('never tells a run on Adam to switch to Adam', () => {
    const verdict = feed(
      new DivergenceWatch(untrainedLoss('classification', 10)),
      Array.from({ length: 100 }, (_, i) => 8 + (i % 7)),
    )!;
    for (const rate of [0.5, 0.001]) {
      const advice = divergenceAdvice(verdict, 'Adam', rate, 0.001);
      expect(advice).not.toMatch(/Adam\./);
      expect(advice).not.toContain('switch to Adam');
    }
    expect(divergenceAdvice(verdict, 'Adam', 0.5, 0.001)).toContain(
      'The learning rate 0.5 is high for Adam (it usually works near 0.001): lower it.',
    );
  });

  it('flags an explosion after a good start', () => {
    const watch = new DivergenceWatch(untrainedLoss('classification', 2));
    const losses = [...Array.from({ length: 60 }, () => 0.05), ...Array.from({ length: 40 }, () => 0.9)];
    expect(feed(watch, losses)).toMatchObject({ kind: 'exploding' });
  });

  it('stays quiet for a model that learns, and reports once', () => {
    const learning = new DivergenceWatch(untrainedLoss('classification', 10));
    expect(
      feed(
        learning,
        Array.from({ length: 400 }, (_, i) => 2.3 * Math.exp(-i / 100) + 0.1),
      ),
    ).toBeNull();
    const stuck = new DivergenceWatch(1);
    expect(
      feed(
        stuck,
        Array.from({ length: 60 }, () => 5),
      ),
    ).not.toBeNull();
    expect(
      feed(
        stuck,
        Array.from({ length: 60 }, () => 5),
      ),
    ).toBeNull();
  });
});
