// The few parts of ConvNetJS 0.3 (npm `convnetjs`, a bench-only dev dependency) the bench uses.
declare module 'convnetjs' {
  interface Vol {
    w: Float64Array;
  }
  interface Net {
    makeLayers(defs: Record<string, unknown>[]): void;
    forward(x: Vol): unknown;
    getPrediction(): number;
  }
  interface SGDTrainer {
    train(x: Vol, y: number): unknown;
  }
  const convnetjs: {
    Vol: new (sx: number, sy: number, depth: number, fill: number) => Vol;
    Net: new () => Net;
    SGDTrainer: new (net: Net, options: Record<string, unknown>) => SGDTrainer;
  };
  export default convnetjs;
}
