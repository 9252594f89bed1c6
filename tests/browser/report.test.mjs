// The translators' status report (`approdo i18n status --format html`) in Chromium: after one
// sentence of an Italian guide changes, each language's section shows that sentence as changed
// (folded), the Arabic section is right to left, and the page passes axe and the Nu checker.
//
// A copy of the default site is used, outside git: `i18n stamp` keeps the stamped source in its
// cache, which is where the report finds the old text. Run after `cargo build --release`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, copyDefaultSite } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const approdo = process.env.APPRODO ?? path.join(repo, 'target/release/approdo');
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const skip = process.env.SITE_LANGS ? 'another site' : false;
const SENTENCE = 'Controlla subito che nome, data di nascita e date del visto siano giusti.';

let site, report, browser, server, base;

function run(...args) {
  const r = spawnSync(approdo, [...args, '--root', site], { encoding: 'utf8' });
  assert.equal(r.status, 0, `approdo ${args.join(' ')}:\n${r.stderr}`);
  return r.stdout;
}

before(async () => {
  if (skip) return;
  site = copyDefaultSite('approdo-report-');
  const translations = ['en', 'fr', 'es', 'ar', 'zh'].map(l => `content/legal/visa.${l}.md`);
  run('i18n', 'stamp', ...translations);
  const source = path.join(site, 'content/legal/visa.it.md');
  const text = fs.readFileSync(source, 'utf8');
  assert.ok(text.includes(SENTENCE), 'the guide still has the sentence this test changes');
  fs.writeFileSync(source, text.replace(SENTENCE, SENTENCE.replace('date del visto', 'date di validità del visto')));
  report = path.join(site, 'report');
  fs.mkdirSync(report);
  fs.writeFileSync(path.join(report, 'index.html'), run('i18n', 'status', '--format', 'html'));
  ({ server, base } = await serve(report));
  browser = await chromium.launch(CHROMIUM);
});

after(async () => {
  await browser?.close();
  server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

test('the status report shows the changed sentence for each language, Arabic right to left', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  await page.goto(base + '/');
  for (const lang of ['en', 'fr', 'es', 'ar', 'zh']) {
    const section = page.locator(`#lang-${lang}`);
    const diffs = section.locator('details.diff');
    assert.equal(await diffs.count(), 1, `${lang}: one stale page`);
    assert.equal(await diffs.locator('li').count(), 1, `${lang}: one change`);
    // Folded: the words are in the page, shown when the reader opens the details.
    assert.equal(await diffs.locator('ins').evaluateAll(e => e.map(x => x.textContent.trim()).join('|')), 'di validità');
    assert.ok(!(await diffs.textContent()).includes('Trova il consolato giusto'), `${lang}: unchanged text shown`);
    assert.equal(await diffs.evaluate(d => d.open), false);
  }
  assert.equal(await page.locator('#lang-ar').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('#lang-en').getAttribute('dir'), 'ltr');
  await page.close();
});

test('the status report passes axe WCAG 2.2 AA, folded and unfolded', { skip }, async () => {
  const ctx = await browser.newContext({ bypassCSP: true });
  const page = await ctx.newPage();
  await page.goto(base + '/');
  await page.addScriptTag({ content: axeSource });
  for (const open of [false, true]) {
    if (open) await page.evaluate(() => document.querySelectorAll('details').forEach(d => { d.open = true; }));
    const r = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
    assert.deepEqual(r.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target).join(', ')}`), [], `open=${open}`);
  }
  await ctx.close();
});

test('the status report passes the Nu HTML Checker', { skip }, () => {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const r = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'text', path.join(report, 'index.html')], { encoding: 'utf8' });
  assert.equal(r.error, undefined, String(r.error));
  const errors = (r.stderr + r.stdout).split('\n').filter(l => l.includes('error:'));
  assert.deepEqual(errors, []);
});
