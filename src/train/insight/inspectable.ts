// What the worker holds on to after (and during) a run, for the insight
// views and export to read.
import type * as tf from '@tensorflow/tfjs';
import type { Dataset, Split } from '../../data/dataset';
import type { Head } from '../engines/heads';

/** The model (training or trained), its data and split, and its task's head. */
export interface Inspectable {
  model: tf.LayersModel;
  dataset: Dataset;
  split: Split;
  head: Head;
}
