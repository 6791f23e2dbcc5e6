// Runs one bench worker script with one request and resolves with its one answer.
export function runWorker<Request, Result>(url: URL, request: Request): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { type: 'module' });
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
