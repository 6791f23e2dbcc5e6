import { useAppStore } from '../../state/store';
import { selectEpochs } from '../selectors';

/** Training minus validation accuracy at the latest epoch: the overfitting gap, in numbers, with the run before the cure beside it. */
export function DemoGap() {
  const epochs = useAppStore(selectEpochs);
  const before = useAppStore((state) => state.demo.before);
  const last = epochs[epochs.length - 1];
  if (!last || last.train.accuracy === undefined || last.validation.accuracy === undefined) return null;
  const gap = (point: typeof last) => (point.train.accuracy ?? 0) - (point.validation.accuracy ?? 0);
  const widest = before && before.epochs.length > 0 ? Math.max(...before.epochs.map(gap)) : null;
  return (
    <p className="note" role="status" data-testid="demo-gap" data-gap={gap(last).toFixed(4)}>
      Gap at epoch {last.epoch}: <strong>{gap(last).toFixed(2)}</strong> (training accuracy {last.train.accuracy.toFixed(2)}, validation{' '}
      {last.validation.accuracy.toFixed(2)}).
      {gap(last) > 0.15 && ' The validation curve has peeled away: the model memorises its training set.'}
      {widest !== null && ` Before the cure the gap reached ${widest.toFixed(2)}.`}
    </p>
  );
}
