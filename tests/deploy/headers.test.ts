// The header files shipped for static hosts send exactly the policy the app
// is built with (deploy/securityHeaders.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../deploy/securityHeaders';
import { ONLINE_SPRITES } from '../../src/data/sprite';

/** Netlify / Cloudflare Pages `_headers`: a path line, then indented `Name: value` lines. */
function parseHeadersFile(text: string): Map<string, Record<string, string>> {
  const rules = new Map<string, Record<string, string>>();
  let current: Record<string, string> | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = {};
      rules.set(line.trim(), current);
      continue;
    }
    const colon = line.indexOf(':');
    if (!current || colon < 0) throw new Error(`Not a header line: ${line}`);
    current[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return rules;
}

/** nginx `add_header Name "value" always;` lines. */
function parseNginx(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const match of text.matchAll(/^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;/gm)) headers[match[1]] = match[2];
  return headers;
}

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

describe('deploy headers', () => {
  it('_headers sends the security headers to every path', () => {
    const rules = parseHeadersFile(readFileSync('public/_headers', 'utf8'));
    expect(rules.get('/*')).toEqual(SECURITY_HEADERS);
  });

  it('the nginx snippet sends the same headers', () => {
    expect(parseNginx(readFileSync('deploy/nginx.conf', 'utf8'))).toEqual(SECURITY_HEADERS);
  });

  it('the headers make the page cross-origin isolated, so WASM may use threads', () => {
    expect(SECURITY_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(SECURITY_HEADERS['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });

  it('the policy allows only what the app needs', () => {
    const meta = directives(CONTENT_SECURITY_POLICY);
    expect(meta.get('default-src')).toEqual(["'self'"]);
    expect(meta.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(meta.get('object-src')).toEqual(["'none'"]);
    // Connections: the page itself, and exactly the host of the full MNIST and Fashion-MNIST files the loader fetches.
    const dataOrigins = [
      ...new Set(Object.values(ONLINE_SPRITES).flatMap((files) => Object.values(files).map((url) => new URL(url).origin))),
    ];
    expect(meta.get('connect-src')).toEqual(["'self'", ...dataOrigins]);
    const header = directives(SECURITY_HEADERS['Content-Security-Policy']);
    expect(header.get('frame-ancestors')).toEqual(["'self'"]);
    // blob: only where the training worker needs it (WASM's threads), never for the page.
    expect(meta.get('worker-src')).toEqual(["'self'"]);
    expect(header.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(header.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", 'blob:']);
    expect([...header.values()].flat()).not.toContain("'unsafe-eval'");
  });
});
