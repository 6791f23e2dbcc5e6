import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../lib/assert';
import { fetchFeatureMaps, type FeatureMapsResult } from '../../state/insightActions';
import { diverging } from '../tokens';

/** Grey levels (or, with `signed`, blue-white-orange around 128) as a small crisp image. */
function Thumb({
  bytes,
  offset,
  width,
  height,
  signed,
  scale,
  label,
}: {
  bytes: Uint8Array | number[];
  offset: number;
  width: number;
  height: number;
  signed?: boolean;
  scale: number;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const image = new ImageData(width, height);
    const pixels = new Uint32Array(image.data.buffer);
    const palette = diverging();
    for (let i = 0; i < width * height; i++) {
      const v = bytes[offset + i];
      pixels[i] = signed ? palette[v] : (255 << 24) | (v << 16) | (v << 8) | v;
    }
    context.putImageData(image, 0, 0);
  }, [bytes, offset, width, height, signed]);
  return (
    <canvas
      ref={ref}
      width={width}
      height={height}
      className="thumb"
      style={{ width: width * scale, height: height * scale }}
      role="img"
      aria-label={label}
    />
  );
}

/**
 * Training-time CNN Explainer: one validation sample through every
 * convolution and pooling layer (a grey image per channel), and each
 * convolution's filters; asked again after every epoch as the model learns.
 */
export function CnnExplainer({ classes, version }: { classes: string[]; version: string }) {
  const [sample, setSample] = useState(0);
  const [result, setResult] = useState<FeatureMapsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetchFeatureMaps(sample)
      .then((answer) => live && (setResult(answer), setError(null)))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [sample, version]);
  return (
    <div className="cnn-explainer" data-testid="cnn-explainer">
      <h3>Inside the network: one sample, layer by layer</h3>
      <div className="cnn-sample">
        <button type="button" onClick={() => setSample((s) => Math.max(0, s - 1))} disabled={sample === 0}>
          Previous sample
        </button>
        <button type="button" onClick={() => setSample((s) => s + 1)}>
          Next sample
        </button>
        {result && (
          <span>
            Validation sample {result.sample + 1}: actual {classes[result.actual]}, predicted {classes[result.predicted]}
          </span>
        )}
      </div>
      {error && <p className="hint">{error}</p>}
      {result && (
        <ol className="cnn-layers">
          <li>
            <strong>input</strong>
            <Thumb bytes={result.pixels} offset={0} width={28} height={28} scale={2} label={`validation sample ${result.sample + 1}`} />
          </li>
          {result.layers.map((layer) => (
            <li key={layer.name} data-testid="cnn-layer">
              <strong>{layer.name}</strong> <span className="hint">{layer.shape.join('×')}</span>
              {layer.filters && (
                <div className="cnn-row" aria-label={`${layer.name} filters`}>
                  <span className="hint">filters</span>
                  {Array.from({ length: layer.shown }, (_, f) => (
                    <Thumb
                      key={f}
                      bytes={layer.filters!}
                      offset={f * layer.kernel * layer.kernel}
                      width={layer.kernel}
                      height={layer.kernel}
                      signed
                      scale={6}
                      label={`filter ${f + 1}`}
                    />
                  ))}
                </div>
              )}
              <div className="cnn-row" aria-label={`${layer.name} feature maps`}>
                <span className="hint">maps</span>
                {Array.from({ length: layer.shown }, (_, c) => (
                  <Thumb
                    key={c}
                    bytes={layer.maps}
                    offset={c * layer.shape[0] * layer.shape[1]}
                    width={layer.shape[1]}
                    height={layer.shape[0]}
                    scale={Math.max(1, Math.round(40 / layer.shape[1]))}
                    label={`channel ${c + 1}`}
                  />
                ))}
                {layer.shape[2] > layer.shown && <span className="hint">+{layer.shape[2] - layer.shown} more</span>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
