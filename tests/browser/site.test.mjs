// The built site in a real browser: every page in every language, checked with axe-core for
// WCAG 2.2 AA, for right-to-left direction, for requests leaving the site, and for reflow at 320 px;
// the whole folder checked with the Nu HTML Checker; screenshots written for a person to look at.
//
// Run after `cargo run --release -- build`:  node --test tests/browser/
// SITE=path/to/public overrides the folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serve, htmlPages, CHROMIUM } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const site = path.resolve(process.env.SITE ?? path.join(repo, 'public'));
const shots = path.join(repo, 'target/screenshots');
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// Another site (SITE_LANGS=en,ur,… SITE_RTL=ur): the same checks with its languages; the
// screenshots are of the default site's pages.
const LANGS = (process.env.SITE_LANGS ?? 'it,en,fr,es,ar,zh').split(',');
const RTL = (process.env.SITE_RTL ?? 'ar').split(',');
const DEFAULT_SITE = !process.env.SITE_LANGS;

let browser, server, base;
const pages = htmlPages(site);

before(async () => {
  assert.ok(fs.existsSync(path.join(site, 'index.html')), `build the site first: no ${site}/index.html`);
  ({ server, base } = await serve(site));
  browser = await chromium.launch(CHROMIUM);
});
after(async () => { await browser?.close(); server?.close(); });

/** Opens each path in a fresh page of `ctx`, recording every request that is not to the site. */
async function visit(ctx, paths, check) {
  const page = await ctx.newPage();
  const foreign = [];
  page.on('request', r => { if (!r.url().startsWith(base + '/')) foreign.push(r.url()); });
  for (const p of paths) {
    const resp = await page.goto(base + p, { waitUntil: 'load' });
    await check(page, p, resp);
  }
  await page.close();
  return foreign;
}

test('the site has pages in all six languages', () => {
  for (const lang of LANGS) {
    assert.ok(pages.filter(p => p.startsWith(`/${lang}/`)).length >= 5, `${lang} pages`);
  }
});

test('every page passes axe WCAG 2.2 AA with no requests leaving the site', async () => {
  // bypassCSP lets axe be injected; the CSP itself is checked in its own test below.
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const failures = [];
  let checked = 0;
  const foreign = await visit(ctx, pages, async (page, p) => {
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async tags => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return r.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
    }, WCAG);
    checked++;
    for (const v of result) failures.push(`${p}: ${v}`);
  });
  await ctx.close();
  console.log(`axe: ${checked} pages checked, ${failures.length} violations`);
  assert.deepEqual(failures, []);
  assert.deepEqual(foreign, [], 'requests that left the site');
});

test('right-to-left languages (Arabic) are right-to-left, others left-to-right', async () => {
  const ctx = await browser.newContext();
  const wrong = [];
  const lang = p => p.split('/')[1];
  await visit(ctx, pages.filter(p => LANGS.includes(lang(p))), async (page, p) => {
    const dir = await page.evaluate(() => getComputedStyle(document.body).direction);
    const want = RTL.includes(lang(p)) ? 'rtl' : 'ltr';
    if (dir !== want) wrong.push(`${p}: ${dir}`);
  });
  await ctx.close();
  assert.deepEqual(wrong, []);
});

test('no page scrolls sideways at 320 px', async () => {
  const ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const wide = [];
  await visit(ctx, pages, async (page, p) => {
    const w = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    if (w[0] > w[1]) wide.push(`${p}: ${w[0]} > ${w[1]}`);
  });
  await ctx.close();
  assert.deepEqual(wide, []);
});

test('the Content-Security-Policy blocks nothing the theme needs', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const violations = [];
  page.on('console', m => { if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text()); });
  for (const p of pages.filter(p => /^\/(ar|zh)\/|^\/$/.test(p)).slice(0, 20)) {
    await page.goto(base + p);
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header, .chooser-list')).display);
    assert.notEqual(styled, 'inline', `${p}: stylesheet not applied`);
  }
  await ctx.close();
  assert.deepEqual(violations, []);
});

test('the Nu HTML Checker finds no errors', () => {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const r = spawnSync('java', ['-jar', jar, '--errors-only', '--skip-non-html', '--format', 'text', site], { encoding: 'utf8' });
  const errors = (r.stderr + r.stdout).split('\n').filter(l => l.includes('error:'));
  console.log(`vnu: ${pages.length} pages checked, ${errors.length} errors`);
  assert.equal(r.error, undefined, String(r.error));
  assert.deepEqual(errors, []);
});

test('screenshots of home, step and checklist pages in ar and zh', { skip: !DEFAULT_SITE && 'another site' }, async () => {
  fs.mkdirSync(shots, { recursive: true });
  const step = pages.find(p => p.startsWith('/ar/legal/') && p !== '/ar/legal/')?.slice(3);
  const checklist = '/school/enrolment/';
  const targets = ['/', '/ar/', '/zh/'];
  for (const lang of ['ar', 'zh']) {
    if (step) targets.push(`/${lang}${step}`);
    targets.push(`/${lang}${checklist}`);
  }
  let n = 0;
  for (const width of [360, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    await visit(ctx, targets.filter(t => pages.includes(t)), async (page, p) => {
      const name = (p.replace(/\//g, '_').replace(/^_|_$/g, '') || 'root') + `-${width}.png`;
      await page.screenshot({ path: path.join(shots, name), fullPage: true });
      n++;
    });
    await ctx.close();
  }
  console.log(`screenshots: ${n} written to ${shots}`);
  assert.ok(n >= 10);
});
