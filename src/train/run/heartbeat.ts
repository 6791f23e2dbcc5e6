// A second thread, started by the training worker, that tells the page every
// HEARTBEAT_MS that the training worker is alive while a run exists. A long
// synchronous step (a big model's first step, a fused step of a large net)
// blocks the training worker's own timers, but not this thread; the browser
// ends it with its parent, so a worker killed for memory still falls silent.
const HEARTBEAT_MS = 2_000;
const scope = self as unknown as DedicatedWorkerGlobalScope;
let port: MessagePort | null = null;
let runId: number | null = null;

scope.onmessage = (event: MessageEvent<{ port?: MessagePort; runId?: number | null }>) => {
  if (event.data.port) port = event.data.port;
  if (event.data.runId !== undefined) runId = event.data.runId;
};

setInterval(() => {
  if (port && runId !== null) port.postMessage({ type: 'heartbeat', runId });
}, HEARTBEAT_MS);
