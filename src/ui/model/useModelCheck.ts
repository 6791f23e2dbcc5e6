import { useMemo } from 'react';
import { checkModel, estimateTrainingBytes, memoryProblem, type ModelCheck } from '../../model/spec';
import { useAppStore } from '../../state/store';
import { useDatasetInfo } from './useDatasetInfo';

/** The current stack checked against the current dataset's input and output; null while there is no dataset to check against. */
export function useModelCheck(): ModelCheck | null {
  const layers = useAppStore((state) => state.config.layers);
  const { info } = useDatasetInfo();
  return useMemo(() => (info ? checkModel(layers, info.inputShape, info.output) : null), [layers, info]);
}

/** Why the model (`check`, from useModelCheck) cannot be trained here for memory (the estimate against TRAINING_MEMORY_BUDGET), or null. */
export function useMemoryProblem(check: ModelCheck | null): string | null {
  const batchSize = useAppStore((state) => state.config.batchSize);
  const { info } = useDatasetInfo();
  return useMemo(
    () => (check?.ok && info ? memoryProblem(estimateTrainingBytes(check, info.inputShape, batchSize), batchSize) : null),
    [check, info, batchSize],
  );
}
