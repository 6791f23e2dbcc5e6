// Runs one bench worker with one request and resolves with its one answer.
// The caller creates the worker: Vite bundles a worker only where it sees
// `new Worker(new URL('...', import.meta.url))` written out in full.
export function runWorker<Request, Result>(create: () => Worker, request: Request): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = create();
    worker.onmessage = (event: MessageEvent<Result>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage(request);
  });
}
