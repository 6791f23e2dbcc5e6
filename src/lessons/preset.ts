// A step's preset is a link's query that names only what the step is about;
// every setting it leaves out is the default (a lesson link is short on
// purpose, so the "link may have been cut off" note does not apply).
import type { ExperimentConfig } from '../config/experiment';
import { decodeExperiment } from '../share/codec';

const CUT_OFF = /^The link does not say/;

/** The step's experiment, and any note a preset should never have (a key or value this app does not read). */
export function presetConfig(preset: string): { config: ExperimentConfig; notes: string[] } {
  const { config, notes } = decodeExperiment(preset);
  return { config, notes: notes.filter((note) => !CUT_OFF.test(note)) };
}
