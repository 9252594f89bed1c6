// approdo service worker: pages a reader chose to save ("save this guide", "save all guides"),
// served from the phone when there is no network. Registered by app.js only when the reader asks,
// so a reader who never presses the button never gets a worker.
//
// What is saved comes from the build: `<lang>/offline/files.json` lists each file with its size
// and a hash of its bytes. A language's files live in a cache named after the build
// (`approdo-<lang>-<version>`). On every visit app.js asks the worker to check
// `<lang>/offline/version.json`; after a rebuild the worker makes the new build's cache (copying
// unchanged files from the old one, downloading only what changed) and deletes the old one. Saved
// text is therefore at most one visit behind the site, and a family pays only for what changed.
'use strict';

const STATE = 'approdo-state';
const base = new URL(self.registration.scope).pathname.replace(/\/$/, '');
const STATE_URL = `${base}/__approdo-offline-state`;
const cacheName = (lang, version) => `approdo-${lang}-${version}`;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim().then(tidy)));

async function readState() {
  const hit = await (await caches.open(STATE)).match(STATE_URL);
  return hit ? hit.json() : { langs: {} };
}

async function writeState(state) {
  const body = JSON.stringify(state);
  await (await caches.open(STATE)).put(STATE_URL, new Response(body, { headers: { 'content-type': 'application/json' } }));
}

/** Deletes the caches no saved language uses (an old build, an interrupted download). */
async function tidy() {
  const { langs } = await readState();
  const keep = new Set([STATE, ...Object.entries(langs).map(([l, s]) => cacheName(l, s.version))]);
  for (const name of await caches.keys()) {
    if (name.startsWith('approdo-') && !keep.has(name)) await caches.delete(name);
  }
}

/** A response that may answer a navigation: one that followed a redirect may not. */
async function storable(resp) {
  if (!resp.redirected) return resp;
  return new Response(await resp.blob(), { status: resp.status, headers: resp.headers });
}

/**
 * Saves `guides` of `lang` (`['*']` for all) on top of what is saved already, for the build the
 * server has now. Returns the addresses whose text changed since the last save.
 */
async function save(lang, guides, report) {
  const list = await (await fetch(`${base}/${lang}/offline/files.json`, { cache: 'no-store' })).json();
  const state = await readState();
  const old = state.langs[lang];
  const wantAll = guides.includes('*') || (old && old.guides.includes('*'));
  const kept = wantAll ? ['*'] : [...new Set([...(old ? old.guides : []), ...guides])];
  const wanted = list.files.filter(([, , , g]) => wantAll || g === '' || kept.includes(g));
  const name = cacheName(lang, list.version);
  const sameCache = old && old.version === list.version;
  const cache = await caches.open(name);
  const oldCache = old && !sameCache ? await caches.open(cacheName(lang, old.version)) : null;
  const files = {};
  const changed = [];
  let done = 0;
  const queue = wanted.slice();
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const [url, , hash, , title] = f;
      const had = old && old.files[url];
      let resp = null;
      if (had && had[0] === hash) {
        // Unchanged: already in this build's cache, or copied from the last build's.
        if (sameCache) resp = (await cache.match(url)) ? 'kept' : null;
        else resp = await oldCache.match(url);
      } else if (had) {
        changed.push(url);
      }
      if (!resp) {
        resp = await fetch(url, { cache: 'no-cache' });
        if (!resp.ok) throw new Error(`${resp.status} ${url}`);
      }
      if (resp !== 'kept') await cache.put(url, await storable(resp));
      files[url] = [hash, title];
      report({ type: 'progress', done: ++done, total: wanted.length });
    }
  };
  try {
    await Promise.all([worker(), worker(), worker(), worker()]);
  } catch (err) {
    if (!sameCache) await caches.delete(name);
    throw err;
  }
  state.langs[lang] = { version: list.version, tag: list.tag, guides: kept, files };
  await writeState(state);
  if (oldCache) await caches.delete(cacheName(lang, old.version));
  return changed;
}

/** After a rebuild, brings every saved language up to the new build. */
async function check(reply) {
  const { langs } = await readState();
  for (const [lang, saved] of Object.entries(langs)) {
    let now;
    try {
      now = await (await fetch(`${base}/${lang}/offline/version.json`, { cache: 'no-store' })).json();
    } catch {
      return; // offline: keep what is saved
    }
    if (now.version !== saved.version) {
      const changed = await save(lang, [], () => {});
      reply({ type: 'updated', lang, changed });
    }
  }
  reply({ type: 'checked' });
}

// One download at a time: a save and an update must not write the same language at once.
let running = Promise.resolve();
const serial = job => (running = running.then(job, job));

self.addEventListener('message', event => {
  const msg = event.data || {};
  const port = event.ports[0];
  const reply = m => port && port.postMessage(m);
  if (msg.type === 'save' && typeof msg.lang === 'string' && typeof msg.guide === 'string') {
    event.waitUntil(serial(() => save(msg.lang, [msg.guide], reply).then(
      () => reply({ type: 'done', ok: true }),
      err => reply({ type: 'done', ok: false, error: String(err) }))));
  } else if (msg.type === 'check') {
    event.waitUntil(serial(() => check(reply).catch(() => reply({ type: 'checked' }))));
  }
});

/** The offline page of the address's language, or of any saved language. */
async function offlinePage(url) {
  const lang = url.pathname.slice(base.length + 1).split('/')[0];
  const hit = await caches.match(`${base}/${lang}/offline/`);
  if (hit) return hit;
  for (const other of Object.keys((await readState()).langs)) {
    const page = await caches.match(`${base}/${other}/offline/`);
    if (page) return page;
  }
  return null;
}

async function answer(req, url) {
  const nav = req.mode === 'navigate';
  const page = url.origin + url.pathname;
  let hit = nav ? await caches.match(page, { ignoreSearch: true }) : await caches.match(req);
  if (!hit && nav && !url.pathname.endsWith('/')) hit = await caches.match(`${page}/`);
  if (hit) return hit;
  try {
    return await fetch(req);
  } catch (err) {
    const offline = nav && (await offlinePage(url));
    return offline || Response.error();
  }
}

self.addEventListener('fetch', event => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith(`${base}/`)) return;
  // The lists say what the server has now: never from the phone.
  if (/\/offline\/[^/]+\.json$/.test(url.pathname)) return;
  event.respondWith(answer(req, url));
});
