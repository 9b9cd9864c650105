// The explorer in a real Chromium with every request to another host refused: it loads from this
// server alone, runs a typed query and shows the answer. Debian's `chromium` package is driven
// through playwright-core; nothing downloads a browser. CHROMIUM_PATH names another executable.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MirrorWriter } from '../../../src/store/mirror-writer.js';
import { databaseTargets } from '../../support/databases.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';
import { buildMirrorFixture, loadMirrorFixture } from '../../support/mirror-fixtures.js';

const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => !!path && existsSync(path),
);
if (!executablePath)
  console.warn(
    'Skipping the explorer browser test: no Chromium found (install `chromium` or set CHROMIUM_PATH).',
  );

const [pglite] = await databaseTargets();

describe.skipIf(!executablePath)('the explorer in Chromium, offline', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  let gateway: TestGateway;

  beforeAll(async () => {
    db = await pglite!.open();
    await loadMirrorFixture(new MirrorWriter(db.prisma), buildMirrorFixture({ customers: 3, invoices: 0 }));
    gateway = await startTestGateway(db);
  });
  afterAll(async () => {
    await gateway?.close();
    await db?.dispose();
  });

  it('loads from the gateway alone, runs a query and shows its result', async () => {
    const origin = new URL(gateway.server.url).origin;
    const browser = await chromium.launch({ executablePath: executablePath!, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const refused: string[] = [];
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        if (new URL(url).origin === origin) return route.continue();
        refused.push(url);
        return route.abort('blockedbyclient');
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      await page.goto(gateway.server.url);
      const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
      await editor.waitFor({ state: 'visible', timeout: 60_000 });
      await editor.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      // insertText types as an input method does: no auto-closed brackets doubling the ones typed.
      await page.keyboard.insertText('{ customers(first: 2) { totalCount } }');
      await page.locator('.graphiql-execute-button').click();

      const result = page.locator('.graphiql-response');
      await expect
        .poll(async () => (await result.innerText()).replace(/\s+/g, ' '), { timeout: 30_000 })
        .toContain('"totalCount": 3');
      expect(errors).toEqual([]);
      expect(refused, 'nothing was asked of another host').toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
