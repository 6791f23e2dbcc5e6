import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { CONTENT_SECURITY_POLICY, ISOLATION_HEADERS, SECURITY_HEADERS } from './deploy/securityHeaders';
import { wasmThreads } from './deploy/wasmThreads';

/** The built page carries its Content-Security-Policy (the dev server's live reload needs more, so not there). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

// tfjs is imported only by the training worker, so the page's own bundle
// stays small; the worker is emitted as an ES module chunk.
export default defineConfig({
  // Relative asset paths: the build works from any folder of any static host.
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy(),
    wasmThreads(),
    // Installable and offline: Workbox precaches the app shell, the worker
    // chunk, the .wasm files and the bundled data on the first visit. A new
    // version waits until the page accepts it (src/state/appUpdate.ts).
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Training Playground',
        short_name: 'Playground',
        description: 'Build a model, train it in your browser, and watch loss, accuracy and F1 live.',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#f6f8fa',
        theme_color: '#1f6feb',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,png,wasm,gz,csv,md,webmanifest}'],
        // The training worker (tfjs) is the largest file, about 2.3 MB.
        maximumFileSizeToCacheInBytes: 16 * 2 ** 20,
        cleanupOutdatedCaches: true,
        // Links carry the experiment in the fragment: every navigation is the one page.
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es', plugins: () => [wasmThreads()] },
  // Cross-origin isolation, so that WebAssembly may use threads (the static
  // hosts' header files carry the same, from deploy/securityHeaders.ts).
  server: { headers: ISOLATION_HEADERS },
  optimizeDeps: {
    rolldownOptions: { plugins: [wasmThreads()] },
    // Pre-bundle tfjs up front: otherwise the first dev visit re-optimises
    // dependencies and reloads the page mid-run.
    include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-backend-wasm', 'papaparse', 'ml-random-forest'],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // `npm run bench` adds the bare model.fit baseline page to the build.
    rollupOptions: process.env.BENCH
      ? { input: { main: 'index.html', fit: 'bench/fit.html', engine: 'bench/engine.html', accuracy: 'bench/accuracy.html' } }
      : undefined,
  },
  // The preview server sends what a static host sends (public/_headers): the
  // header policy governs the training worker too, which the meta tag does not.
  preview: { port: 4173, strictPort: true, headers: SECURITY_HEADERS },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
