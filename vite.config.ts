import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// tfjs is imported only by the training worker, so the page's own bundle
// stays small; the worker is emitted as an ES module chunk.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  optimizeDeps: {
    // Pre-bundle tfjs up front: otherwise the first dev visit re-optimises
    // dependencies and reloads the page mid-run.
    include: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-webgpu',
      '@tensorflow/tfjs-backend-wasm',
    ],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // `npm run bench` adds the bare model.fit baseline page to the build.
    rollupOptions: process.env.BENCH
      ? { input: { main: 'index.html', fit: 'bench/fit.html', engine: 'bench/engine.html' } }
      : undefined,
  },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
