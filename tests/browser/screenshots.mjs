// Screenshots of the built site in Debian's Chromium, for a person to look at.
// Usage: node screenshots.mjs [public-dir] [out-dir]
// Serves the folder on 127.0.0.1 (nothing else is contacted), opens the home, a step page and a
// section page in Arabic and Chinese (and Italian for comparison) at 360 and 1280 px, and writes PNGs.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '../../public');
const outDir = path.resolve(process.argv[3] ?? '../../target/screenshots');
fs.mkdirSync(outDir, { recursive: true });

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8' };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(root, path.normalize(p));
  if (!file.startsWith(root) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const pages = (process.env.PAGES ?? '/,/ar/,/zh/,/ar/legal/who-can-apply/,/zh/legal/who-can-apply/,/ar/school/,/zh/money/bank-account/,/it/legal/who-can-apply/').split(',');
const foreign = [];
for (const width of [360, 1280]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  page.on('request', r => { if (!r.url().startsWith(base)) foreign.push(r.url()); });
  for (const p of pages) {
    const resp = await page.goto(base + p);
    const name = (p.replace(/\//g, '_').replace(/^_|_$/g, '') || 'root') + `-${width}.png`;
    await page.screenshot({ path: path.join(outDir, name), fullPage: true });
    await page.screenshot({ path: path.join(outDir, name.replace('.png', '-top.png')) });
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    const dir = await page.evaluate(() => getComputedStyle(document.body).direction);
    console.log(`${resp.status()} ${p} @${width}px dir=${dir}${scroll ? ' HORIZONTAL-SCROLL' : ''} -> ${name}`);
  }
  await ctx.close();
}
await browser.close();
server.close();
if (foreign.length) { console.error('requests left the site:', foreign); process.exit(1); }
