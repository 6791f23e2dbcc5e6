import { useMemo } from 'react';
import { datasetShape } from '../../config/datasets';
import { checkModel, type ModelCheck } from '../../model/spec';
import { useAppStore } from '../../state/store';

/** The current stack checked against the current dataset's input and output. */
export function useModelCheck(): ModelCheck {
  const layers = useAppStore((state) => state.config.layers);
  const dataset = useAppStore((state) => state.config.dataset);
  return useMemo(() => {
    const { inputShape, output } = datasetShape(dataset);
    return checkModel(layers, inputShape, output);
  }, [layers, dataset]);
}
