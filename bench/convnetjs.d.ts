// The few parts of ConvNetJS 0.3 (npm `convnetjs`, a bench-only dev dependency) the bench uses.
declare module 'convnetjs' {
  class Vol {
    constructor(sx: number, sy: number, depth: number, fill: number);
    w: Float64Array;
  }
  class Net {
    makeLayers(defs: Record<string, unknown>[]): void;
  }
  class SGDTrainer {
    constructor(net: Net, options: Record<string, unknown>);
    train(x: Vol, y: number): unknown;
  }
  const convnetjs: { Vol: typeof Vol; Net: typeof Net; SGDTrainer: typeof SGDTrainer };
  export default convnetjs;
}
