// The documentation site as a reader sees it: typedoc builds it (warnings are errors, links
// validated), then headless Chromium opens the landing page, checks that the modules carry
// their import names and the guides are pages, and saves a screenshot
// (artifacts/docs-landing.png) for a person to look at.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const out = mkdtempSync(join(tmpdir(), 'nextstep-docs-'));
let browser: Browser;

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'node_modules/typedoc/bin/typedoc'), '--treatWarningsAsErrors', '--out', out], { cwd: root, stdio: 'pipe' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

describe.skipIf(!existsSync(CHROMIUM))('documentation site', () => {
  it('introduces the project and names modules by their import names', async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('nextstep');
    const body = await page.locator('body').innerText();
    expect(body).toContain('The steps of a sign-in');
    const links = await page.locator('.tsd-panel a, .col-content a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).textContent?.trim()));
    for (const name of ['@nextstep/core', '@nextstep/core/sdk-transport', '@nextstep/plugin-totp', '@nextstep/plugin-totp/qr', '@nextstep/emulator']) {
      expect(links).toContain(name);
    }
    expect(body).not.toMatch(/plugin-totp\/src|core\/src/);
    // The guides are pages of the site, reachable from the navigation.
    const nav = await page.locator('.site-menu').innerText();
    for (const guide of ['Hooks', 'Migrating from Amplify', 'architecture']) expect(nav).toContain(guide);
    mkdirSync(join(root, 'artifacts'), { recursive: true });
    await page.screenshot({ path: join(root, 'artifacts', 'docs-landing.png'), fullPage: false });
  }, 60_000);
});
