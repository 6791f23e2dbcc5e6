import type { LayerSpec } from '../../model/spec';
import { useAppStore } from '../../state/store';
import { selectConfig } from '../selectors';
import { CLASSES, INPUT_SHAPE, useModelCheck } from './useModelCheck';

function describe(layer: LayerSpec): string {
  switch (layer.kind) {
    case 'dense':
      return `dense ${layer.units}, ${layer.activation}`;
    case 'conv2d':
      return `conv2d ${layer.filters} × ${layer.kernelSize}x${layer.kernelSize}, stride ${layer.strides}, ${layer.padding}, ${layer.activation}`;
    case 'maxPool2d':
    case 'avgPool2d':
      return `${layer.kind} ${layer.poolSize}x${layer.poolSize}, stride ${layer.strides}`;
    case 'dropout':
      return `dropout ${layer.rate}`;
    case 'flatten':
    case 'batchNormalization':
      return layer.kind;
  }
}

/** The layer stack with each layer's output shape and parameter count. */
export function ModelSummary() {
  const layers = useAppStore((state) => selectConfig(state).layers);
  const check = useModelCheck();
  return (
    <section className="model" aria-label="Model">
      <h2>Model</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Output shape</th>
            <th scope="col">Parameters</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>input</td>
            <td>[{INPUT_SHAPE.join(', ')}]</td>
            <td>0</td>
          </tr>
          {layers.map((layer, i) => (
            <tr key={i}>
              <td>{describe(layer)}</td>
              <td>{check.layers[i] ? `[${check.layers[i].outputShape.join(', ')}]` : '—'}</td>
              <td>{check.layers[i]?.params.toLocaleString('en-US') ?? '—'}</td>
            </tr>
          ))}
          <tr>
            <td>output: dense {CLASSES}, softmax</td>
            <td>{check.ok ? `[${check.output.outputShape.join(', ')}]` : '—'}</td>
            <td>{check.ok ? check.output.params.toLocaleString('en-US') : '—'}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total parameters
            </th>
            <td data-testid="total-params">{check.totalParams.toLocaleString('en-US')}</td>
          </tr>
        </tfoot>
      </table>
      {!check.ok && (
        <p className="invalid" role="alert" data-testid="model-error">
          {check.message}
        </p>
      )}
    </section>
  );
}
