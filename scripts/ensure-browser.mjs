// Before the browser tests: use a system Chromium when there is one (Debian's
// here); otherwise make sure Playwright's own Chromium is installed.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { systemChromium } from './browser-path.mjs';

const system = systemChromium();
if (system) {
  console.log(`ensure-browser: using ${system}`);
} else if (existsSync(chromium.executablePath())) {
  console.log(`ensure-browser: using Playwright's Chromium at ${chromium.executablePath()}`);
} else {
  console.log("ensure-browser: no Chromium found; installing Playwright's own (needs internet)");
  execSync('npx playwright install chromium', { stdio: 'inherit' });
}
