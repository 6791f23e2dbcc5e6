import { useAppStore } from '../../state/store';
import { DecisionBoundary } from '../insights/DecisionBoundary';
import { NetworkView } from './NetworkView';
import { useDatasetInfo } from './useDatasetInfo';
import { useModelCheck } from './useModelCheck';

/** The network, drawn and alive, as in TensorFlow Playground's middle column. */
export function Stage() {
  const check = useModelCheck();
  const { info } = useDatasetInfo();
  if (!check?.ok || !info) return null;
  return (
    <section className="stage" aria-label="The network">
      <NetworkView inputShape={info.inputShape} infos={check.layers} output={info.output} />
    </section>
  );
}

/** A 2-D set's output: the model's decision over the plane, with the points (TensorFlow Playground's right column). */
export function OutputMap() {
  const boundary = useAppStore((state) => state.metrics.boundary);
  const scatter = useAppStore((state) => state.metrics.scatter);
  const task = useAppStore((state) => state.run.task);
  if (!boundary) return null;
  return (
    <section className="stage output-map" aria-label="The model's output over the plane">
      <DecisionBoundary boundary={boundary} scatter={scatter} regression={task === 'regression'} />
    </section>
  );
}
