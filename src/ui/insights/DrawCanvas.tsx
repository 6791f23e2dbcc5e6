import { useEffect, useRef, useState } from 'react';
import { preprocessDrawing } from '../../data/digitCanvas';
import { errorMessage } from '../../lib/assert';
import { predictOne } from '../../state/insightActions';
import { noteDrawing } from '../../state/lessonActions';
import { SampleImage } from './SampleImage';

const SIZE = 280;
const PREDICT_EVERY_MS = 150;

/** Draw a digit (or a piece of clothing); the model's class probabilities update as you draw. */
export function DrawCanvas({ classes }: { classes: string[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const last = useRef(0);
  const [probabilities, setProbabilities] = useState<number[] | null>(null);
  const [prepared, setPrepared] = useState<Uint8Array | null>(null);
  const [error, setError] = useState<string | null>(null);

  const predict = () => {
    const context = canvas.current?.getContext('2d', { willReadFrequently: true });
    if (!context) return;
    const rgba = context.getImageData(0, 0, SIZE, SIZE).data;
    const ink = new Uint8Array(SIZE * SIZE);
    for (let i = 0; i < ink.length; i++) ink[i] = rgba[i * 4];
    const image = preprocessDrawing(ink, SIZE, SIZE);
    setPrepared(image);
    predictOne(Array.from(image))
      .then((outputs) => {
        setProbabilities(outputs);
        setError(null);
        noteDrawing(outputs, classes);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  };
  const point = (event: { clientX: number; clientY: number }, box: DOMRect) =>
    [((event.clientX - box.left) * SIZE) / box.width, ((event.clientY - box.top) * SIZE) / box.height] as const;
  const clear = () => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.fillStyle = '#000';
    context.fillRect(0, 0, SIZE, SIZE);
    setProbabilities(null);
    setPrepared(null);
  };
  // MNIST digits are white on black: start from a black canvas.
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.fillStyle = '#000';
    context.fillRect(0, 0, SIZE, SIZE);
  }, []);
  const best = probabilities ? probabilities.indexOf(Math.max(...probabilities)) : -1;
  return (
    <div className="draw" data-testid="draw">
      <h3>Try it yourself: draw</h3>
      <div className="draw-row">
        <canvas
          ref={canvas}
          width={SIZE}
          height={SIZE}
          className="draw-canvas"
          aria-label="Drawing area: draw with the mouse, a finger or a pen"
          data-testid="draw-canvas"
          onPointerDown={(event) => {
            drawing.current = true;
            event.currentTarget.setPointerCapture(event.pointerId);
            const context = event.currentTarget.getContext('2d')!;
            const [x, y] = point(event, event.currentTarget.getBoundingClientRect());
            context.strokeStyle = '#fff';
            context.lineWidth = 20;
            context.lineCap = 'round';
            context.lineJoin = 'round';
            context.beginPath();
            context.moveTo(x, y);
            context.lineTo(x + 0.1, y + 0.1);
            context.stroke();
          }}
          onPointerMove={(event) => {
            if (!drawing.current) return;
            const context = event.currentTarget.getContext('2d')!;
            const box = event.currentTarget.getBoundingClientRect();
            // A busy page gets one move event per frame, the pen's other points coalesced into it: draw through
            // every one, or a fast corner is cut short (and the same drawing reads differently under load).
            const native = event.nativeEvent;
            const moves = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
            for (const move of moves.length > 0 ? moves : [native]) {
              const [x, y] = point(move, box);
              context.lineTo(x, y);
            }
            context.stroke();
            if (performance.now() - last.current > PREDICT_EVERY_MS) {
              last.current = performance.now();
              predict();
            }
          }}
          onPointerUp={() => {
            drawing.current = false;
            predict();
          }}
        />
        <div>
          {prepared && (
            <SampleImage pixels={prepared} width={28} height={28} label="your drawing as the model sees it (28 x 28)" scale={3} />
          )}
          <button type="button" onClick={clear}>
            Clear
          </button>
        </div>
      </div>
      {error && <p className="hint">{error}</p>}
      {probabilities && (
        <ol className="probabilities" data-testid="draw-probabilities" aria-label="Class probabilities">
          {probabilities.map((p, i) => (
            <li key={i} className={i === best ? 'best' : undefined}>
              <span className="probability-label">{classes[i]}</span>
              <span className="bar" style={{ width: `${Math.round(p * 100)}%` }} />
              <span>{(p * 100).toFixed(1)}%</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
