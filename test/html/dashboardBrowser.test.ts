import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardData } from '../../src/core/html/dashboardData.js';
import { dashboardPage } from '../../src/core/html/dashboardPage.js';
import { browserMissing, openInChromium, type OpenedPage } from '../support/browser.js';
import { PROJECT_ROOT } from '../support/repo.js';
import { syntheticSource } from './syntheticSource.js';

const missing = browserMissing();
const artifacts = join(PROJECT_ROOT, 'test-artifacts');

describe.skipIf(missing !== null)(
  `the dashboard in headless Chromium${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let opened: OpenedPage;
    const file = join(artifacts, 'dashboard-synthetic.html');
    beforeAll(async () => {
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(file, dashboardPage(dashboardData(syntheticSource(24, 40))));
      opened = await openInChromium(file);
      await opened.page.waitForSelector('body[data-ready="true"]');
    }, 60_000);
    afterAll(async () => {
      await opened?.close();
    });

    it('loads with no console error and no request', async () => {
      await opened.page.screenshot({ path: join(artifacts, 'dashboard-synthetic.png'), fullPage: true });
      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([]);
    });

    it('shows test names with markup, quotes and unicode as text', async () => {
      const name = `renders <script>alert("x")</script> & 'quotes' — ünïcödé ✓`;
      const texts = await opened.page.locator('#tests-body .test-link').allTextContents();
      expect(texts).toContain(name);
      expect(await opened.page.locator('#tests-body script').count()).toBe(0);
    });
  },
);
