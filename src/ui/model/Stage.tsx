import { useAppStore } from '../../state/store';
import { DecisionBoundary } from '../insights/DecisionBoundary';
import { NetworkView } from './NetworkView';
import { useDatasetInfo } from './useDatasetInfo';
import { useModelCheck } from './useModelCheck';

/** TensorFlow Playground's row: the network, drawn and alive, beside its output over the plane (2-D sets). */
export function Stage() {
  const check = useModelCheck();
  const { info } = useDatasetInfo();
  const boundary = useAppStore((state) => state.metrics.boundary);
  const scatter = useAppStore((state) => state.metrics.scatter);
  const task = useAppStore((state) => state.run.task);
  if (!check?.ok || !info) return null;
  return (
    <section className="stage" aria-label="The network and its output">
      <NetworkView inputShape={info.inputShape} infos={check.layers} output={info.output} />
      {boundary && <DecisionBoundary boundary={boundary} scatter={scatter} regression={task === 'regression'} />}
    </section>
  );
}
