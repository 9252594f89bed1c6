// Runs search queries in Chromium against a built site and reports, per query, the first result,
// how many results, and the bytes the query downloaded (raw, and gzip-compressed as a static host
// would serve them). Used by bench/search.sh (approdo's own search) and bench/pagefind.sh.
//   node bench/search-probe.mjs SITE_DIR approdo|pagefind QUERIES_JSON
// QUERIES_JSON: [[language tag, page path, query, expected path], ...]
import zlib from 'node:zlib';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(path.resolve('tests/browser/package.json'));
const { chromium } = require('playwright-core');
const { serve, CHROMIUM } = await import(path.resolve('tests/browser/server.mjs'));

const [site, mode, queriesJson] = process.argv.slice(2);
const queries = JSON.parse(queriesJson);
const { server, base } = await serve(site);
const browser = await chromium.launch(CHROMIUM);
const rows = [];
for (const [tag, url, q, expected] of queries) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const foreign = [];
  page.on('request', r => { if (!r.url().startsWith(base + '/')) foreign.push(r.url()); });
  let counting = false;
  const got = [];
  page.on('response', async r => {
    if (!counting) return;
    try { const b = await r.body(); got.push({ url: r.url(), raw: b.length, gz: zlib.gzipSync(b, { level: 6 }).length }); } catch {}
  });
  let first = null, count = 0;
  if (mode === 'approdo') {
    await page.goto(base + url);
    counting = true;
    const input = page.locator('form[data-search] input[type=search]').first();
    await input.pressSequentially(q, { delay: 10 });
    await page.locator('.search-results:not([hidden]) li, .search-status:not(:empty)').first().waitFor({ timeout: 10000 }).catch(() => {});
    await page.waitForTimeout(600);
    const links = await page.locator('.search-results li > a').evaluateAll(as => as.map(a => a.getAttribute('href')));
    first = links[0] ?? null;
    const status = await page.locator('.search-status').first().textContent();
    count = Number(status.match(/\d[\d.,\u202f\u00a0\u066c]*/)?.[0].replace(/\D/g, '') ?? links.length);
  } else {
    await page.goto(`${base}/pf-harness-${tag}.html`);
    counting = true;
    const r = await page.evaluate(async (q) => {
      const pf = await import('/pagefind/pagefind.js');
      const res = await pf.search(q);
      const top = res.results.length ? await res.results[0].data() : null;
      return { count: res.results.length, first: top ? top.url : null };
    }, q);
    await page.waitForTimeout(300);
    first = r.first ? decodeURI(r.first) : null;
    count = r.count;
  }
  const index = got.filter(g => !/\.(js|wasm|css|html)$/.test(new URL(g.url).pathname));
  const code = got.filter(g => /\.(js|wasm)$/.test(new URL(g.url).pathname));
  const sum = (xs, k) => xs.reduce((s, g) => s + g[k], 0);
  rows.push({
    query: q, lang: tag, expected, first, ok: first === expected, count,
    requests: got.length, indexRaw: sum(index, 'raw'), indexGz: sum(index, 'gz'), codeGz: sum(code, 'gz'),
    foreign: foreign.length,
  });
  await ctx.close();
}
await browser.close();
server.close();
for (const r of rows) {
  console.log(`${mode.padEnd(8)} ${r.lang.padEnd(8)} ${JSON.stringify(r.query).padEnd(24)} first=${r.first ?? '-'} ${r.expected ? (r.ok ? 'OK' : 'MISS') : ''} results=${r.count} requests=${r.requests} index=${(r.indexRaw / 1024).toFixed(1)}kB (gz ${(r.indexGz / 1024).toFixed(1)}kB) script gz=${(r.codeGz / 1024).toFixed(1)}kB foreign=${r.foreign}`);
}
