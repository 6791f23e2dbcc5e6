// The trained model as tfjs LayersModel artifacts (what `model.save` writes):
// its topology, the weight specs and the weight bytes, for the page to turn
// into model.json + weights.bin. Runs in the worker.
import * as tf from '@tensorflow/tfjs';

export interface ModelArtifactsOut {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

/** One buffer for tfjs's weight data (which may come in pieces). */
function joined(data: ArrayBuffer | ArrayBuffer[]): ArrayBuffer {
  if (!Array.isArray(data)) return data;
  const total = data.reduce((sum, part) => sum + part.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of data) {
    out.set(new Uint8Array(part), at);
    at += part.byteLength;
  }
  return out.buffer;
}

export async function exportArtifacts(model: tf.LayersModel): Promise<ModelArtifactsOut> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = saved as tf.io.ModelArtifacts | null;
  if (!artifacts?.modelTopology || !artifacts.weightSpecs || !artifacts.weightData) throw new Error('The model could not be saved.');
  return { modelTopology: artifacts.modelTopology as object, weightSpecs: artifacts.weightSpecs, weightData: joined(artifacts.weightData) };
}
