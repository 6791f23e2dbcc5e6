import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with scripts/ensure-browser.mjs
import { CHROMIUM_ARGS, systemChromium } from './scripts/browser-path.mjs';

const PORT = 4173;
export const SUBPATH_PORT = 4174;
export const SUBPATH = '/a/b/c/';

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: systemChromium() as string | undefined, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  // Tests run against the production build (npm run test:e2e builds first).
  webServer: [
    {
      command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    // The same build under a deep sub-path, as on a school's static web space.
    {
      command: `node scripts/serve-subpath.mjs ${SUBPATH_PORT} ${SUBPATH}`,
      url: `http://127.0.0.1:${SUBPATH_PORT}${SUBPATH}`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
