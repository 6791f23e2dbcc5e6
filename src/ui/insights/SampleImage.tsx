import { useEffect, useRef } from 'react';

/** A grey image drawn from its bytes, scaled up without smoothing. */
export function SampleImage({
  pixels,
  width,
  height,
  label,
  scale = 2,
}: {
  pixels: ArrayLike<number>;
  width: number;
  height: number;
  label: string;
  scale?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(width, height);
    for (let i = 0; i < width * height; i++) {
      const v = pixels[i];
      image.data.set([v, v, v, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [pixels, width, height]);
  return (
    <canvas
      ref={ref}
      width={width}
      height={height}
      role="img"
      aria-label={label}
      style={{ width: width * scale, height: height * scale, imageRendering: 'pixelated' }}
    />
  );
}
