// A site whose editors and translators are hostile: the default site plus a page of classic
// payloads (front matter, Markdown, raw HTML, links, images) and a payload in a Fluent message.
// Built with the release binary, then every page opened in Chromium: no dialog, no script error,
// no request leaving the site, and a screenshot of the payload page showing it all as text.
//
// Run after `cargo build --release` (the CI's `cargo run --release -- build` does that).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, htmlPages, CHROMIUM } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const bin = path.join(repo, 'target/release/approdo');
const shots = path.join(repo, 'target/screenshots');

const PAYLOADS = [
  '<script>alert("script")</script>',
  '"><img src=x alt="" onerror=alert("img")>',
  "'><svg onload=alert('svg')>",
  '</script><script>alert("breakout")</script>',
  'javascript:alert("url")',
  '\u2028\u202Eevil\u202C',
];

let dir, browser, server, base, warnings;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'approdo-payloads-'));
  for (const part of ['site.toml', 'content', 'locales', 'themes', 'data']) {
    fs.cpSync(path.join(repo, part), path.join(dir, part), { recursive: true });
  }
  const title = JSON.stringify('Payloads ' + PAYLOADS[1] + PAYLOADS[0]);
  const body = [
    '## ' + PAYLOADS[0],
    ...PAYLOADS.map(p => 'Testo: ' + p),
    '<iframe src="https://evil.example/frame"></iframe>',
    '<img src="https://evil.example/pixel.png" alt="pixel">',
    '<a href="https://evil.example/" onclick="alert(1)">link</a> <span style="position:fixed">x</span>',
    '<details><summary>Dettagli</summary><abbr title="Indicatore">ISEE</abbr></details>',
    '[testo](https://example.org "\\"><script>alert(9)</script>")',
    '![' + PAYLOADS[1] + '](foto.png "' + PAYLOADS[2].replaceAll('"', '') + '")',
    '`' + PAYLOADS[3] + '`',
  ].join('\n\n');
  // The images the payloads name exist: what is tested is escaping, not the missing-image check.
  fs.writeFileSync(path.join(dir, 'content/help/foto.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
  fs.writeFileSync(path.join(dir, 'content/help/x'), 'GIF89a');
  fs.writeFileSync(path.join(dir, 'content/help/payloads.it.md'), `---\ntitle: ${title}\ndescription: ${JSON.stringify(PAYLOADS.join(' '))}\n---\n${body}\n`);
  const ftl = path.join(dir, 'locales/it/main.ftl');
  fs.writeFileSync(ftl, fs.readFileSync(ftl, 'utf8').replace('skip-link = Vai al contenuto principale', 'skip-link = </a><script>alert("ftl")</script>Salta'));
  const out = path.join(dir, 'public');
  // --verbose: every warning in full (a plain build shows three of each kind, then counts).
  const build = () => spawnSync(bin, ['build', '--verbose', '--root', dir, '--output', out], { encoding: 'utf8' });
  // An image from another site is refused (every reader's browser would contact it).
  let r = build();
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /payloads\.it\.md:\d+:\d+: images must be files of this site/);
  assert.ok(!fs.existsSync(out), 'nothing written when the build fails');
  const page = path.join(dir, 'content/help/payloads.it.md');
  fs.writeFileSync(page, fs.readFileSync(page, 'utf8').replace('<img src="https://evil.example/pixel.png" alt="pixel">', ''));
  r = build();
  assert.equal(r.status, 0, r.stderr);
  warnings = r.stderr;
});
before(async () => {
  ({ server, base } = await serve(path.join(dir, 'public')));
  browser = await chromium.launch(CHROMIUM);
});
after(async () => {
  await browser?.close();
  server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the editor is told what the sanitizer removed, at its line', () => {
  assert.match(warnings, /payloads\.it\.md:\d+:\d+.*`<iframe>` is removed/);
  assert.match(warnings, /attribute `onclick` is removed from `<a>`/);
});

test('every page of the hostile site runs no payload and requests nothing outside the site', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const dialogs = [], foreign = [], errors = [];
  page.on('dialog', d => { dialogs.push(d.message()); d.dismiss(); });
  page.on('request', r => { if (!r.url().startsWith(base + '/')) foreign.push(r.url()); });
  page.on('pageerror', e => errors.push(e.message));
  const pages = htmlPages(path.join(dir, 'public'));
  for (const p of pages) await page.goto(base + p, { waitUntil: 'load' });
  // Search the payload too: results are built with textContent, never as markup.
  await page.goto(base + '/it/');
  await page.locator('#site-search-q').pressSequentially('payloads');
  await page.locator('.search-results:not([hidden]) li').first().waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, [], 'no alert ran');
  assert.deepEqual(errors, [], 'no script error');
  assert.deepEqual(foreign, [], 'no request left the site');
  assert.equal(await page.locator('.search-results img, .search-results script').count(), 0);
  await page.screenshot({ path: path.join(shots, 'payloads-search.png') });

  await page.goto(base + '/it/help/payloads/');
  assert.equal(await page.locator('main script, main iframe, [onerror], [onclick], [onload]').count(), 0);
  assert.match(await page.locator('h1').textContent(), /<img src=x alt="" onerror=alert\("img"\)><script>/);
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'payloads-page.png'), fullPage: true });
  console.log(`# ${pages.length} pages of the hostile site opened: 0 dialogs, 0 script errors, 0 foreign requests`);
  await ctx.close();
});
