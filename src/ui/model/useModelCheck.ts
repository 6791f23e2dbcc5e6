import { useMemo } from 'react';
import { checkModel, type ModelCheck } from '../../model/spec';
import { useAppStore } from '../../state/store';
import { useDatasetInfo } from './useDatasetInfo';

/** The current stack checked against the current dataset's input and output; null while there is no dataset to check against. */
export function useModelCheck(): ModelCheck | null {
  const layers = useAppStore((state) => state.config.layers);
  const { info } = useDatasetInfo();
  return useMemo(() => (info ? checkModel(layers, info.inputShape, info.output) : null), [layers, info]);
}
