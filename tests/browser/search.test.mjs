// Search in a real browser on the built default site: queries typed the way readers type them
// (Chinese without spaces, Arabic with diacritics, Italian without an accent, a Latin term on the
// Arabic site), the results announced in the reader's language, keyboard use, and the same forms
// without JavaScript. No request may leave the site.
//
// Run after `cargo run --release -- build`:  node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const site = path.resolve(process.env.SITE ?? path.join(repo, 'public'));
const shots = path.join(repo, 'target/screenshots');

let browser, server, base;
before(async () => {
  ({ server, base } = await serve(site));
  browser = await chromium.launch(CHROMIUM);
  fs.mkdirSync(shots, { recursive: true });
});
after(async () => { await browser?.close(); server?.close(); });

/** Opens `url`, types `query` into the first search box, returns the result links and status. */
async function searchFor(url, query, shot) {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await ctx.newPage();
  const foreign = [];
  let bytes = 0;
  page.on('request', r => { if (!r.url().startsWith(base + '/')) foreign.push(r.url()); });
  await page.goto(base + url);
  page.on('response', async r => {
    if (r.url().includes('/search/') && r.url().endsWith('.json')) bytes += (await r.body()).length;
  });
  const input = page.locator('form[data-search] input[type=search]').first();
  await input.pressSequentially(query, { delay: 15 });
  await page.locator('.search-results:not([hidden]) li').first().waitFor();
  await page.waitForTimeout(400);
  const links = await page.locator('.search-results li > a').evaluateAll(as => as.map(a => a.getAttribute('href')));
  const status = await page.locator('.search-status').first().textContent();
  const marks = await page.locator('.search-results mark').allTextContents();
  if (shot) await page.screenshot({ path: path.join(shots, shot), fullPage: false });
  await ctx.close();
  return { links, status, marks, foreign, bytes };
}

const CASES = [
  { name: 'Chinese typed without spaces', url: '/zh/search/', q: '每个月都', first: '/zh/money/family-budget/', shot: 'search-zh.png' },
  // Getting the permit and renewing it are both right for "residence permit": each must be in the top two.
  { name: 'Arabic with diacritics', url: '/ar/search/', q: 'تَصْرِيحُ الإِقَامَةِ', first: ['/ar/legal/arrival/', '/ar/permits/renewal/'], shot: 'search-ar.png' },
  { name: 'Italian with a missing accent', url: '/it/', q: 'idoneita alloggiativa', first: '/it/legal/requirements/', shot: 'search-it.png' },
  { name: 'a Latin term on the Arabic site', url: '/ar/', q: 'nulla osta', first: '/ar/legal/nulla-osta/', shot: 'search-ar-nulla-osta.png' },
  { name: 'French as you type', url: '/fr/', q: 'titre de sej', first: ['/fr/legal/arrival/', '/fr/permits/renewal/'] },
  { name: 'Arabic, the family allowance', url: '/ar/search/', q: 'المنحة الشهرية للأبناء', first: '/ar/money/assegno-unico/' },
  { name: 'Chinese, the family doctor', url: '/zh/search/', q: '家庭医生', first: '/zh/life/health/' },
];

for (const c of CASES) {
  test(`search: ${c.name} lists the expected guide first`, async () => {
    const r = await searchFor(c.url, c.q, c.shot);
    if (Array.isArray(c.first)) {
      assert.deepEqual([...r.links.slice(0, c.first.length)].sort(), [...c.first].sort(), `${c.q}: ${r.links.join(', ')}`);
    } else {
      assert.equal(r.links[0], c.first, `${c.q}: ${r.links.join(', ')}`);
    }
    assert.ok(r.marks.length > 0, 'the match is marked in the snippet');
    assert.deepEqual(r.foreign, [], 'no request leaves the site');
    assert.ok(r.bytes < 100_000, `${r.bytes} bytes of index for one query`);
    console.log(`# ${c.url} ${JSON.stringify(c.q)}: ${r.links.length} shown, "${r.status}", ${r.bytes} index bytes`);
  });
}

test('the result count is announced in the language, with its plural form', async () => {
  const r = await searchFor('/ar/', 'nulla osta');
  // Arabic: 3–10 take the "few" form, 11–99 the "many" form.
  const n = Number(r.status.match(/\d+/)[0]);
  const want = new Intl.PluralRules('ar').select(n);
  const word = { few: 'أدلة', many: 'دليلًا', other: 'دليل' }[want];
  assert.ok(r.status.includes(word), `${r.status} (${want})`);
  const it = await searchFor('/it/', 'idoneita');
  assert.match(it.status, /^\d+ guid[ae] trovat[ae]$/);
});

test('search works from the keyboard alone', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(base + '/en/');
  await page.keyboard.press('Tab'); // skip link
  let focused = '';
  for (let i = 0; i < 20 && focused !== 'site-search-q'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.id);
  }
  assert.equal(focused, 'site-search-q', 'the search box is reachable with Tab');
  await page.keyboard.type('residence permit');
  await page.locator('.search-results:not([hidden]) li').first().waitFor();
  await page.keyboard.press('ArrowDown');
  const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
  assert.ok(['/en/legal/arrival/', '/en/permits/renewal/'].includes(href), href);
  await page.keyboard.press('Enter');
  await page.waitForURL('**' + href);
  await ctx.close();
});

test('without JavaScript the search box opens the search page and its A–Z list', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(base + '/ar/');
  await page.fill('#site-search-q', 'nulla osta');
  await page.press('#site-search-q', 'Enter');
  await page.waitForURL('**/ar/search/?q=*');
  const az = await page.locator('.az-list a').evaluateAll(as => as.map(a => a.getAttribute('href')));
  assert.ok(az.length >= 15, `${az.length} guides in the A–Z list`);
  assert.ok(az.includes('/ar/legal/nulla-osta/'));
  const titles = await page.locator('.az-list a').allTextContents();
  const sorted = [...titles].sort(new Intl.Collator('ar').compare);
  assert.deepEqual(titles, sorted, 'sorted the Arabic way');
  await page.screenshot({ path: path.join(shots, 'search-ar-nojs.png'), fullPage: true });
  await ctx.close();
});

test('with results shown, search pages pass axe', async () => {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const axe = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const ctx = await browser.newContext({ bypassCSP: true });
  const page = await ctx.newPage();
  for (const [url, q] of [['/zh/search/?q=居留许可', null], ['/ar/', 'الإقامة'], ['/it/search/?q=permesso', null]]) {
    await page.goto(base + encodeURI(url));
    if (q) await page.locator('#site-search-q').pressSequentially(q);
    await page.locator('.search-results:not([hidden]) li').first().waitFor();
    await page.addScriptTag({ content: axe });
    const res = await page.evaluate(() => axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
    assert.deepEqual(res.violations.map(v => `${v.id}: ${v.nodes.length}`), [], url);
  }
  await ctx.close();
});
