// The worker's own fetch policy: its origin and public https addresses, and
// nothing else, whatever a link or a library asks for. The private and
// loopback addresses below are inputs the guard must refuse: none is ever
// fetched (fetchRefusal is a pure check, and the guarded fetch is a mock).
import { describe, expect, it, vi } from 'vitest';
import { fetchRefusal, installFetchGuard } from '../../src/train/data/fetchGuard';
import { fetchBytes } from '../../src/train/data/fetchBytes';

const PAGE = 'http://127.0.0.1:4173';

describe('the training worker fetch guard', () => {
  it('lets through its own origin and public https addresses', () => {
    for (const ok of [
      `${PAGE}/data/samples/iris.csv`,
      '/assets/tfjs-backend-wasm.wasm',
      'https://files.invalid/x',
      'https://data.invalid/x.csv',
    ])
      expect(fetchRefusal(ok, PAGE)).toBeNull();
  });

  it('refuses plain http elsewhere, other schemes, credentials, and this machine or private networks', () => {
    const refused = {
      'http://data.invalid/x.csv': /Only https addresses/,
      'ftp://data.invalid/x': /Only https addresses/,
      'file:///etc/passwd': /Only https addresses/,
      'http://127.0.0.1:9999/': /Only https addresses/,
      'https://user:secret@data.invalid/x': /user name or password/,
      'https://localhost/x': /private network/,
      'https://printer.local/x': /private network/,
      'https://127.0.0.2/x': /private network/,
      'https://10.1.2.3/x': /private network/,
      'https://172.20.0.1/x': /private network/,
      'https://192.168.1.1/admin': /private network/,
      'https://169.254.169.254/latest/meta-data': /private network/,
      'https://[::1]/x': /private network/,
      'https://[fd00::1]/x': /private network/,
      'https://0.0.0.0/x': /private network/,
    };
    for (const [address, reason] of Object.entries(refused)) expect(fetchRefusal(address, PAGE), address).toMatch(reason);
    expect(fetchRefusal('https://172.32.0.1/x', PAGE)).toBeNull();
  });

  it('stands in front of fetch itself, so a refused address is never contacted', async () => {
    const original = vi.fn(() => Promise.resolve(new Response('ok')));
    const scope = { fetch: original as unknown as typeof fetch, location: { origin: PAGE } };
    installFetchGuard(scope);
    await expect(scope.fetch('http://outside.invalid/beacon')).rejects.toThrow(/Only https addresses/);
    await expect(scope.fetch(new Request('https://192.168.0.1/'))).rejects.toThrow(/private network/);
    expect(original).not.toHaveBeenCalled();
    expect(await (await scope.fetch(`${PAGE}/index.html`)).text()).toBe('ok');
    expect(original).toHaveBeenCalledTimes(1);
  });

  it('says why in the data panel’s words when a CSV address is refused', async () => {
    const spy = vi.spyOn(globalThis, 'fetch');
    await expect(fetchBytes('http://data.invalid/cars.csv', () => undefined)).rejects.toThrow(
      'Only https addresses can be downloaded from here (or files from this site itself), so http://data.invalid was not contacted. Download the file yourself and load it from your computer instead.',
    );
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
