// Every lesson, in the order the list shows them. A new lesson is one file
// in this folder (see types.ts), added here.
import { backprop } from './backprop';
import { batchSize } from './batchSize';
import { dataSize } from './dataSize';
import { drift } from './drift';
import { forest } from './forest';
import { hardware } from './hardware';
import { imperfect } from './imperfect';
import { learningRate } from './learningRate';
import { metrics } from './metrics';
import { optimizers } from './optimizers';
import { overfitting } from './overfitting';
import { preprocessing } from './preprocessing';
import { transfer } from './transfer';
import { underfitting } from './underfitting';
import type { Lesson } from './types';

export const LESSONS: readonly Lesson[] = [
  learningRate,
  backprop,
  optimizers,
  batchSize,
  hardware,
  dataSize,
  underfitting,
  overfitting,
  preprocessing,
  metrics,
  forest,
  drift,
  transfer,
  imperfect,
];

export function lessonById(id: string): Lesson | null {
  return LESSONS.find((lesson) => lesson.id === id) ?? null;
}

export type { Lesson, LessonStep, Prediction, StepContext } from './types';
