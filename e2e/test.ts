// The browser tests' `test`: every request that is not to the local preview
// server is aborted unless a test fulfils it itself (its routes, added later,
// take precedence). Tests never reach outside this machine.
import { test as base } from '@playwright/test';

export { expect, type BrowserContext, type Page } from '@playwright/test';

export const test = base.extend<{ noExternalRequests: void }>({
  noExternalRequests: [
    async ({ context, baseURL }, use) => {
      // The local preview servers (the app at the root and under a sub-path) run on this machine.
      const local = new URL(baseURL ?? 'http://127.0.0.1/').hostname;
      await context.route(
        (url) => url.hostname !== local && (url.protocol === 'http:' || url.protocol === 'https:'),
        (route) => route.abort('blockedbyclient'),
      );
      await use();
    },
    { auto: true },
  ],
});
