import { useMemo } from 'react';
import { checkModel, type ModelCheck } from '../../model/spec';
import { useAppStore } from '../../state/store';
import { selectConfig } from '../selectors';

/** MNIST until other datasets arrive: 28x28 grey images, ten classes. */
export const INPUT_SHAPE = [28, 28, 1];
export const CLASSES = 10;

/** Shape inference and validity of the configured layer stack. */
export function useModelCheck(): ModelCheck {
  const layers = useAppStore((state) => selectConfig(state).layers);
  return useMemo(() => checkModel(layers, INPUT_SHAPE, { units: CLASSES, activation: 'softmax' }), [layers]);
}
