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

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' https://storage.googleapis.com",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Sent as headers where the host allows. The header policy adds what a meta
 * tag cannot carry (frame-ancestors), and lets the worker reach any https
 * address, because it fetches the CSV files readers choose (after they confirm).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY.replace("connect-src 'self' https://storage.googleapis.com", "connect-src 'self' https:")}; frame-ancestors 'self'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
