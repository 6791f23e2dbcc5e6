// The security policy of the built app, in one place: vite.config.ts puts the
// Content-Security-Policy into index.html as a meta tag (for hosts that cannot
// set headers, such as GitHub Pages), and the header files beside this one
// (public/_headers for Netlify and Cloudflare Pages, deploy/nginx.conf) send it
// with the rest; tests/deploy checks that they agree.
//
// What the page needs, and nothing more:
// - scripts, styles, workers and the .wasm files from its own origin, and
//   'wasm-unsafe-eval' so the WASM backend may compile them;
// - images from itself, data: and blob: (sample thumbnails, canvases);
// - connections to itself and to the host of the full MNIST and
//   Fashion-MNIST files. A CSV address a reader types or confirms is fetched
//   by the training worker, whose own policy comes from its response headers.
// Inline styles stay allowed: React and recharts set style attributes.

const PAGE_DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'worker-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'connect-src': "'self' https://storage.googleapis.com",
  'font-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
};

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/** The page's policy, carried by index.html as a meta tag. */
export const CONTENT_SECURITY_POLICY = policy(PAGE_DIRECTIVES);

/**
 * Cross-origin isolation: without it browsers give no SharedArrayBuffer, and
 * WebAssembly runs on one thread. The page fetches other origins only with
 * CORS, which require-corp allows. The dev and preview servers send these.
 */
export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Sent as headers where the host allows. A header policy also governs the
 * training worker (the meta tag does not), so it adds what the worker needs:
 * WASM's threads are workers made from blob: scripts that load their module
 * from a blob: (worker-src, script-src), and it reaches any https address,
 * because it fetches the CSV files readers choose (after they confirm). It
 * also adds what a meta tag cannot carry (frame-ancestors).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': policy({
    ...PAGE_DIRECTIVES,
    'script-src': `${PAGE_DIRECTIVES['script-src']} blob:`,
    'worker-src': `${PAGE_DIRECTIVES['worker-src']} blob:`,
    'connect-src': "'self' https:",
    'frame-ancestors': "'self'",
  }),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  ...ISOLATION_HEADERS,
};
