// Every lesson, in the order the list shows them. A new lesson is one file
// in this folder (see types.ts), added here.
import { learningRate } from './learningRate';
import { metrics } from './metrics';
import { optimizers } from './optimizers';
import { overfitting } from './overfitting';
import { underfitting } from './underfitting';
import type { Lesson } from './types';

export const LESSONS: readonly Lesson[] = [learningRate, optimizers, underfitting, overfitting, metrics];

export function lessonById(id: string): Lesson | null {
  return LESSONS.find((lesson) => lesson.id === id) ?? null;
}

export type { Lesson, LessonStep, Prediction, StepContext } from './types';
