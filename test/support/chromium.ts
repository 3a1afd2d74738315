// Debian's Chromium for the browser tests, started one way everywhere: headless, sandbox off
// (CI runs as root) and without the background networking this closed machine refuses.
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where `apt-get install -y chromium` puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** A persistent headless context in `profile` (a fresh temporary folder of the caller's). */
export function launchChromium(
  profile: string,
  extraArgs: readonly string[] = [],
  options: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: [...ARGS, ...extraArgs], ...options });
}

/** Pushes the page's uncaught errors and console errors onto `problems`, for the tests to assert none. */
export function collectProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
}
