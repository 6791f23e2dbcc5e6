import type { Locator, Page } from '@playwright/test';

/** Draws a house on the drawing pad `pad` with the mouse, in one stroke. */
export function drawHouse(page: Page, pad: Locator): Promise<void>;
