import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './deploy/securityHeaders';

/** The built page carries its Content-Security-Policy (the dev server's live reload needs more, so not there). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

// tfjs is imported only by the training worker, so the page's own bundle
// stays small; the worker is emitted as an ES module chunk.
export default defineConfig({
  // Relative asset paths: the build works from any folder of any static host.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
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
