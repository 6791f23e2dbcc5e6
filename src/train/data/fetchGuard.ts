// The training worker's own fetch policy. A page's meta-tag CSP does not
// reach its workers, and a host may send no headers at all, so the worker
// checks every address itself: its own origin, and https addresses outside
// private networks (the CSV files readers confirm, the full MNIST files),
// as the header policy's connect-src allows (deploy/securityHeaders.ts).

/** Host names that name this machine or a private network. */
const PRIVATE_NAMES = /(^|\.)(localhost|local|internal|home\.arpa)$/i;

/** Whether an IP literal is loopback, private, link-local or unspecified (v4, and v6 in brackets). */
function privateAddress(host: string): boolean {
  const v4 = host.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1).toLowerCase();
    return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('::ffff:');
  }
  return false;
}

/** Why the worker may not fetch `address` from a page at `origin`, in words; null when it may. */
export function fetchRefusal(address: string, origin: string): string | null {
  const url = URL.canParse(address) ? new URL(address) : URL.canParse(address, origin) ? new URL(address, origin) : null;
  if (!url) return `"${address.slice(0, 80)}" is not a web address.`;
  if (url.origin === origin) return null;
  if (url.protocol !== 'https:')
    return `Only https addresses can be downloaded from here (or files from this site itself), so ${url.protocol}//${url.host} was not contacted.`;
  if (url.username || url.password) return 'An address with a user name or password in it was not contacted.';
  if (PRIVATE_NAMES.test(url.hostname) || privateAddress(url.hostname))
    return `${url.host} is on this machine or a private network, which this page never contacts.`;
  return null;
}

/** Puts the check in front of the worker's fetch, so no code in it (ours or a library's) reaches a refused address. */
export function installFetchGuard(scope: { fetch: typeof fetch; location: { origin: string } }): void {
  const original = scope.fetch.bind(scope);
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const address = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const refusal = fetchRefusal(address, scope.location.origin);
    return refusal ? Promise.reject(new TypeError(refusal)) : original(input, init);
  };
}
