// The site as the family's app, in a phone-sized Chromium: installable in every language, saved
// for offline reading on request, picked up again after a rebuild, "my journey" ticks kept on the
// phone across languages, and printable on A4.
//
// The test builds its own copy of the default site (it rebuilds it with changed text), with the
// release binary: run after `cargo build --release` (CI builds it before the browser tests).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, copyDefaultSite } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const approdo = process.env.APPRODO ?? path.join(repo, 'target/release/approdo');
const shots = path.join(repo, 'target/screenshots');
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const skip = process.env.SITE_LANGS ? 'another site' : false;

let site, browser, server, base;

function build() {
  const r = spawnSync(approdo, ['build', '--root', site, '--quiet'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `approdo build failed:\n${r.stdout}${r.stderr}`);
}

before(async () => {
  if (skip) return;
  assert.ok(fs.existsSync(approdo), `build approdo first: no ${approdo}`);
  site = copyDefaultSite('approdo-app-');
  build();
  ({ server, base } = await serve(path.join(site, 'public')));
  browser = await chromium.launch(CHROMIUM);
});

after(async () => {
  await browser?.close();
  server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

/** Opens `url` and waits until app.js has added its controls. */
async function open(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 20_000 });
}

/** A phone-sized context that records every request leaving the site. */
async function phone() {
  const ctx = await browser.newContext(PHONE);
  const foreign = [];
  ctx.on('request', r => { if (!r.url().startsWith(base + '/')) foreign.push(r.url()); });
  return { ctx, foreign };
}

test('every language installs as an app: manifest in its language and direction', { skip }, async () => {
  // Chromium never offers to install from an incognito profile, which every new context is.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'approdo-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, { ...CHROMIUM, ...PHONE });
  const foreign = [];
  ctx.on('request', r => { if (!r.url().startsWith(base + '/')) foreign.push(r.url()); });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  for (const [lang, tag, dir] of [['it', 'it', 'ltr'], ['ar', 'ar', 'rtl'], ['zh', 'zh-Hans', 'ltr']]) {
    await page.goto(`${base}/${lang}/`);
    const { errors: manifestErrors, data } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifestErrors, [], `${lang}: manifest errors`);
    const manifest = JSON.parse(data);
    assert.equal(manifest.lang, tag);
    assert.equal(manifest.dir, dir);
    assert.equal(manifest.start_url, `/${lang}/`);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], `${lang}: not installable`);
  }
  assert.deepEqual(foreign, []);
  await ctx.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

test('ticks stay on the phone, follow the reader to another language, and can be cleared', { skip }, async () => {
  const { ctx, foreign } = await phone();
  const page = await ctx.newPage();
  await open(page, `${base}/ar/money/scams-usury/`);
  const boxes = page.locator('.checklist input.tick');
  const n = await boxes.count();
  assert.ok(n >= 5, `checklist boxes: ${n}`);
  assert.equal(await page.locator('.checklist .check').count(), 0);
  await boxes.nth(0).check();
  await boxes.nth(2).check();
  assert.ok(await page.locator('.journey-tools').isVisible());
  assert.ok(await page.locator('[data-print]').isVisible());

  await page.getByRole('link', { name: 'English' }).first().click();
  await page.waitForURL('**/en/money/scams-usury/');
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  const en = page.locator('.checklist input.tick');
  assert.equal(await en.count(), n, 'the English checklist has as many items');
  const ticked = await en.evaluateAll(bs => bs.map(b => b.checked));
  assert.deepEqual(ticked.map((c, i) => c ? i : -1).filter(i => i >= 0), [0, 2]);
  // Each box is named by its item's text.
  assert.ok((await en.nth(0).getAttribute('aria-label')).length > 5);

  // A step marked done shows in the step list, in every language.
  await open(page, `${base}/ar/legal/visa/`);
  await page.locator('.journey-step input').check();
  assert.ok(await page.locator('nav.step-by-step li.current.done .done-mark').isVisible());
  await open(page, `${base}/zh/legal/`);
  const doneZh = page.locator('ol.step-by-step li.done');
  assert.equal(await doneZh.count(), 1);
  assert.match(await doneZh.locator('.done-mark').innerText(), /已完成/);

  await open(page, `${base}/it/money/scams-usury/`);
  await page.locator('[data-clear]').click();
  assert.equal(await page.locator('.checklist input.tick:checked').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('approdo-journey')), '{}');
  await open(page, `${base}/ar/legal/`);
  assert.equal(await page.locator('li.done').count(), 0);
  assert.deepEqual(foreign, []);
  await ctx.close();
});

/** Presses a save button, checks the size shown, downloads, and waits for the result. */
async function saveFor(page, which) {
  await page.locator(`[data-save="${which}"]`).click();
  const size = page.locator('.offline-confirm strong');
  await size.waitFor({ state: 'visible' });
  const shown = await size.innerText();
  await page.locator('[data-confirm]').click();
  await page.waitForFunction(() => document.documentElement.dataset.offlineSaved, null, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.offlineSaved), 'yes');
  return shown;
}

test('a reader of /ar/ saves the guides, reads, searches and ticks them offline; a rebuild is picked up', { skip }, async () => {
  const { ctx, foreign } = await phone();
  const page = await ctx.newPage();
  await open(page, `${base}/ar/legal/visa/`);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null, 'no worker before the reader asks');
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);

  // One guide first: the size is written in Arabic (kilobytes or megabytes).
  const guideSize = await saveFor(page, 'legal');
  assert.match(guideSize, /[0-9٠-٩]+.*(كيلوبايت|ميغابايت|ك\.?بايت|م\.?بايت|kB|MB)/u, guideSize);
  await ctx.setOffline(true);
  await open(page, `${base}/ar/legal/visa/`);
  assert.equal(await page.locator('h1').innerText(), 'تأشيرة الدخول');
  // A guide not saved: the offline page, in Arabic, listing what is saved.
  await open(page, `${base}/ar/school/`);
  assert.match(await page.locator('h1').innerText(), /غير متصل/);
  await page.locator('[data-offline-saved] li').first().waitFor();
  const listed = await page.locator('[data-offline-saved] li').allInnerTexts();
  assert.ok(listed.includes('تأشيرة الدخول'), listed.join(' | '));
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');

  // Then the whole language.
  await ctx.setOffline(false);
  await open(page, `${base}/ar/legal/visa/`);
  const allSize = await saveFor(page, '*');
  console.log(`size shown before saving: one guide ${guideSize}, all Arabic guides ${allSize}`);
  await ctx.setOffline(true);
  await open(page, `${base}/ar/school/enrolment/`);
  assert.equal(await page.locator('h1').count(), 1);
  assert.doesNotMatch(await page.locator('h1').innerText(), /غير متصل/);
  // Search works offline: its index was saved with the pages.
  await open(page, `${base}/ar/search/?q=${encodeURIComponent('تأشيرة')}`);
  await page.locator('#page-search-results li').first().waitFor({ timeout: 10_000 });
  const results = await page.locator('#page-search-results li').count();
  assert.ok(results > 0, 'offline search found nothing');
  // Ticks work offline.
  await open(page, `${base}/ar/money/scams-usury/`);
  await page.locator('.checklist input.tick').first().check();
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  assert.ok(await page.locator('.checklist input.tick').first().isChecked());

  // A rebuild with changed text: the next visit downloads what changed, then the page shows it.
  await ctx.setOffline(false);
  const visa = path.join(site, 'content/legal/visa.ar.md');
  const marker = 'جملة جديدة أضيفت بعد إعادة البناء.';
  fs.appendFileSync(visa, `\n${marker}\n`);
  build();
  await open(page, `${base}/ar/legal/visa/`);
  await page.waitForFunction(() => document.documentElement.dataset.offlineChecked === 'yes', null, { timeout: 60_000 });
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  assert.ok((await page.locator('main').innerText()).includes(marker), 'the new text after one visit');
  const caches = await page.evaluate(async () => (await caches.keys()).sort());
  assert.equal(caches.filter(c => c.startsWith('approdo-ar-')).length, 1, `old caches left: ${caches}`);
  await ctx.setOffline(true);
  await open(page, `${base}/ar/legal/visa/`);
  assert.ok((await page.locator('main').innerText()).includes(marker), 'the new text offline');
  await ctx.setOffline(false);
  assert.deepEqual(foreign, []);
  await ctx.close();
});

test('the app controls pass axe in Arabic and Chinese once scripts have shown them', { skip }, async () => {
  // bypassCSP lets axe be injected (site.test.mjs checks the CSP itself).
  const ctx = await browser.newContext({ ...PHONE, bypassCSP: true });
  const page = await ctx.newPage();
  for (const p of ['/ar/money/scams-usury/', '/zh/legal/visa/', '/ar/offline/']) {
    await open(page, base + p);
    if (p.includes('scams')) {
      await page.locator('[data-save="*"]').click();
      await page.locator('.offline-confirm').waitFor({ state: 'visible' });
    }
    await page.addScriptTag({ content: axeSource });
    const r = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
    assert.deepEqual(r.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target).join(', ')}`), [], p);
  }
  await ctx.close();
});

test('guides and checklists print on A4 without navigation, with their address and date', { skip }, async () => {
  fs.mkdirSync(shots, { recursive: true });
  const ctx = await browser.newContext({ viewport: { width: 794, height: 1123 } });
  const page = await ctx.newPage();
  for (const lang of ['ar', 'zh', 'it']) {
    await page.goto(`${base}/${lang}/school/enrolment/`);
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['.site-nav', '.header-search', '.language-switcher', '.site-footer', '.breadcrumbs', '.journey-tools']) {
      const shown = await page.locator(sel).first().isVisible().catch(() => false);
      assert.equal(shown, false, `${lang}: ${sel} printed`);
    }
    const footer = page.locator('.print-source');
    assert.ok(await footer.isVisible(), `${lang}: no address in print`);
    assert.match(await footer.innerText(), /https:\/\/.*school\/enrolment\//);
    await page.screenshot({ path: path.join(shots, `print-${lang}-enrolment.png`), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    fs.writeFileSync(path.join(shots, `print-${lang}-enrolment.pdf`), pdf);
    assert.ok(pdf.length > 10_000);
    await page.emulateMedia({ media: 'screen' });
  }
  await ctx.close();
});
