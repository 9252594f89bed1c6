// approdo search: results as you type, for the plain search forms of the theme (which work without
// this script, as links to the search page). No framework, no third party, no innerHTML: every
// string from the index is placed with textContent.
//
// Tokenising is the same as src/search/tokenize.rs (both are tested on tests/search-cases.json):
// per character, lower-case, NFKD, drop combining marks, tatweel and joiners, unify Arabic letter
// variants and digits; words are runs of letters and digits, Chinese/Japanese/Korean runs give pairs.
'use strict';
(() => {
  const MARK = /\p{M}/u;
  const WORD = /[\p{Alphabetic}\p{N}]/u;
  const DIGITS = /^[0-9]+$/;
  const MAX_RESULTS = 10;

  const isCjk = (cp) => cp === 0x3005 || cp === 0x3007 || (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f);

  const folded = new Map();
  function foldChar(c) {
    if (c.charCodeAt(0) < 128) return c.toLowerCase();
    let r = folded.get(c);
    if (r !== undefined) return r;
    r = '';
    for (const l of c.toLowerCase()) {
      for (const d of l.normalize('NFKD')) {
        if (MARK.test(d)) continue;
        const cp = d.codePointAt(0);
        if (cp === 0x640 || cp === 0x200c || cp === 0x200d || cp === 0xad || cp === 0x2060) continue;
        if (cp === 0x671) r += '\u0627';
        else if (cp === 0x649) r += '\u064a';
        else if (cp === 0x629) r += '\u0647';
        else if (cp >= 0x660 && cp <= 0x669) r += String(cp - 0x660);
        else if (cp >= 0x6f0 && cp <= 0x6f9) r += String(cp - 0x6f0);
        else r += d;
      }
    }
    folded.set(c, r);
    return r;
  }

  /** The folded text and, for each of its UTF-16 units, where it came from in `text`. */
  function foldMap(text) {
    let out = '';
    const map = [];
    let i = 0;
    for (const c of text) {
      const f = foldChar(c);
      for (let k = 0; k < f.length; k++) map.push(i);
      out += f;
      i += c.length;
    }
    map.push(i);
    return [out, map];
  }
  const fold = (text) => foldMap(text)[0];

  /** Words and CJK runs of folded text: [{word}|{cjk}]. */
  function split(f) {
    const tokens = [];
    let word = '';
    let run = '';
    const flushWord = () => {
      if (word && ([...word].length > 1 || DIGITS.test(word))) tokens.push({ word });
      word = '';
    };
    const flushRun = () => {
      if (run) tokens.push({ cjk: run });
      run = '';
    };
    for (const c of f) {
      const cp = c.codePointAt(0);
      if (isCjk(cp)) { flushWord(); run += c; }
      else if (WORD.test(c)) { flushRun(); word += c; }
      else { flushWord(); flushRun(); }
    }
    flushWord();
    flushRun();
    return tokens;
  }

  function grams(run, forQuery) {
    const cs = [...run];
    const out = [];
    if (!forQuery || cs.length === 1) out.push(...cs);
    for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
    return out;
  }

  function terms(text, forQuery) {
    const out = [];
    for (const t of split(fold(text))) {
      if (t.word) out.push(t.word);
      else out.push(...grams(t.cjk, forQuery));
    }
    return out;
  }
  const indexTerms = (text) => terms(text, false);
  const queryTerms = (text) => [...new Set(terms(text, true))];

  /** Code point order, as Rust sorts the index terms. */
  function cmp(a, b) {
    if (a === b) return 0;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.codePointAt(i) < b.codePointAt(i) ? -1 : 1;
    }
    return a.length < b.length ? -1 : 1;
  }

  /** One language's index: its list of shards, and the shards and pages fetched so far. */
  class Index {
    constructor(base) {
      this.base = base;
      this.shards = new Map();
      this.pages = new Map();
      this.meta = null;
    }
    async json(path) {
      const r = await fetch(this.base + path, { credentials: 'same-origin' });
      if (!r.ok) throw new Error(path + ': ' + r.status);
      return r.json();
    }
    /** index.json, fetched once: the shards' first terms (k) and the files' version (h). */
    index() {
      if (!this.meta) this.meta = this.json('index.json');
      return this.meta;
    }
    async keys() { return (await this.index()).k; }
    /** A shard or page record, named with the index's version (see src/search/mod.rs). */
    async file(name) { return this.json(name + '.' + (await this.index()).h + '.json'); }
    /** Shard number holding `term` (the last whose first term is not after it). */
    async shardOf(term) {
      const keys = await this.keys();
      let lo = 0;
      let hi = keys.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (cmp(keys[mid], term) <= 0) lo = mid; else hi = mid - 1;
      }
      return lo;
    }
    shard(n) {
      if (!this.shards.has(n)) this.shards.set(n, this.file('s/' + n));
      return this.shards.get(n);
    }
    page(id) {
      if (!this.pages.has(id)) this.pages.set(id, this.file('p/' + id));
      return this.pages.get(id);
    }
    /** Entries whose term starts with `prefix`, from its shard and (up to two) following ones. */
    async withPrefix(prefix) {
      const keys = await this.keys();
      const first = await this.shardOf(prefix);
      const out = [];
      for (let n = first; n < keys.length && n <= first + 2; n++) {
        if (n > first && !keys[n].startsWith(prefix)) break;
        const shard = await this.shard(n);
        for (const term in shard) if (term.startsWith(prefix)) out.push([term, shard[term]]);
      }
      return out;
    }
  }

  /** Page id → score from a posting list [stem?, delta, score, …]. */
  function postings(list, factor, into) {
    let page = 0;
    for (let i = typeof list[0] === 'string' ? 1 : 0; i + 1 < list.length; i += 2) {
      page += list[i];
      into.set(page, Math.max(into.get(page) || 0, list[i + 1] * factor));
    }
  }
  const stemOf = (term, list) => (typeof list[0] === 'string' ? list[0] : term);

  /**
   * Pages for one query term: the term itself; words starting with it (as you type); or, for a word
   * the site does not contain, the words sharing its longest known stem ("documento" → "document").
   */
  async function lookup(index, term, isLast, highlight) {
    const scores = new Map();
    const cjk = isCjk(term.codePointAt(0));
    const shard = await index.shard(await index.shardOf(term));
    if (shard[term]) {
      postings(shard[term], 1, scores);
      highlight.add(term);
    }
    if (cjk) return scores;
    if (isLast || !scores.size) {
      for (const [w, list] of await index.withPrefix(term)) {
        if (w === term) continue;
        postings(list, 0.5, scores);
        highlight.add(w);
      }
    }
    const chars = [...term];
    for (let len = chars.length - 1; !scores.size && len >= 3; len--) {
      const stem = chars.slice(0, len).join('');
      for (const [w, list] of await index.withPrefix(stem)) {
        if (stemOf(w, list) === stem) {
          postings(list, 0.8, scores);
          highlight.add(w);
        }
      }
    }
    return scores;
  }

  /** Ranked page ids: pages matching every term first, then by score. */
  async function search(index, query) {
    const qterms = queryTerms(query).filter((t) => [...t].length > 1 || isCjk(t.codePointAt(0)) || DIGITS.test(t));
    const highlight = new Set();
    if (!qterms.length) return null;
    const typing = !/\s$/.test(query);
    const per = await Promise.all(qterms.map((t, i) => lookup(index, t, typing && i === qterms.length - 1, highlight)));
    const total = new Map();
    for (const scores of per) {
      for (const [page, s] of scores) {
        const e = total.get(page) || { page, hits: 0, score: 0 };
        e.hits += 1;
        e.score += s;
        total.set(page, e);
      }
    }
    const all = [...total.values()];
    const best = Math.max(0, ...all.map((e) => e.hits));
    const ranked = all.filter((e) => e.hits === best).sort((a, b) => b.score - a.score || a.page - b.page);
    for (const t of split(fold(query))) if (t.cjk) highlight.add(t.cjk);
    return { ids: ranked.map((e) => e.page), highlight };
  }

  const isWordAt = (s, i) => i >= 0 && i < s.length && WORD.test(String.fromCodePoint(s.codePointAt(i)));

  /** A text snippet around the first match, with every match in it wrapped in <mark>. */
  function snippet(text, highlight) {
    const [f, map] = foldMap(text);
    const hits = [];
    for (const h of highlight) {
      const cjk = isCjk(h.codePointAt(0));
      for (let i = f.indexOf(h); i >= 0; i = f.indexOf(h, i + h.length)) {
        if (cjk || (!isWordAt(f, i - 1) && !isWordAt(f, i + h.length))) hits.push([i, i + h.length]);
      }
    }
    // Anchor on the longest match (a whole Chinese phrase before its pairs), then merge hits that
    // overlap or are separated only by spaces ("Nulla Osta", "每个月") into one mark.
    let anchor = null;
    for (const h of hits) if (!anchor || h[1] - h[0] > anchor[1] - anchor[0] || (h[1] - h[0] === anchor[1] - anchor[0] && h[0] < anchor[0])) anchor = h;
    hits.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const h of hits) {
      const last = merged[merged.length - 1];
      if (last && (h[0] <= last[1] || /^\s+$/.test(f.slice(last[1], h[0])))) last[1] = Math.max(last[1], h[1]);
      else merged.push([h[0], h[1]]);
    }
    const p = document.createElement('p');
    p.className = 'search-snippet';
    const from = anchor ? Math.max(0, map[anchor[0]] - 60) : 0;
    let start = from === 0 ? 0 : text.indexOf(' ', from) + 1 || from;
    if (anchor && start > map[anchor[0]]) start = from;
    const end = Math.min(text.length, start + 200);
    let at = start;
    if (start > 0) p.append('… ');
    for (const [a, b] of merged) {
      const s = map[a];
      const e = map[b];
      if (s < at || e > end) continue;
      p.append(text.slice(at, s));
      const m = document.createElement('mark');
      m.textContent = text.slice(s, e);
      p.append(m);
      at = e;
    }
    p.append(text.slice(at, end).replace(/\s+/g, ' ') + (end < text.length ? ' …' : ''));
    return p;
  }

  function countText(status, n) {
    const forms = JSON.parse(status.dataset.plurals || '{}');
    const lang = status.closest('[lang]')?.lang || 'en';
    const numbers = status.dataset.numbers || lang;
    if (n === 0 && forms.none) return forms.none;
    const form = forms[new Intl.PluralRules(lang).select(n)] || forms.other || '{n}';
    return form.replace('{n}', new Intl.NumberFormat(numbers).format(n));
  }

  function setup(form) {
    const id = form.dataset.target;
    const input = form.querySelector('input[type=search]');
    const status = document.getElementById(id + '-status');
    const list = document.getElementById(id + '-results');
    if (!input || !status || !list || !window.fetch) return;
    status.dataset.numbers = form.dataset.numbers || '';
    const index = new Index(form.dataset.search);
    const onSearchPage = location.pathname === new URL(form.action, location.href).pathname;
    let timer = 0;
    let latest = 0;

    function clear() {
      list.replaceChildren();
      list.hidden = true;
      status.textContent = '';
    }

    async function run() {
      const query = input.value;
      const ticket = ++latest;
      let found;
      try {
        found = await search(index, query);
      } catch (e) {
        return; // The form still works as a link to the search page.
      }
      if (ticket !== latest) return;
      if (!found) return clear();
      const top = found.ids.slice(0, MAX_RESULTS);
      const pages = await Promise.all(top.map((p) => index.page(p).catch(() => null)));
      if (ticket !== latest) return;
      const items = pages.filter(Boolean).map((pg) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = pg.u;
        a.textContent = pg.t;
        li.append(a);
        if (pg.s) {
          const s = document.createElement('span');
          s.className = 'search-section';
          s.textContent = pg.s;
          li.append(' ', s);
        }
        li.append(snippet(pg.x, found.highlight));
        return li;
      });
      list.replaceChildren(...items);
      list.hidden = items.length === 0;
      status.textContent = countText(status, found.ids.length);
      if (onSearchPage) history.replaceState(null, '', '?q=' + encodeURIComponent(query));
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(run, 200);
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { input.value = ''; clear(); }
      if (e.key === 'ArrowDown' && !list.hidden) { e.preventDefault(); list.querySelector('a')?.focus(); }
    });
    list.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const links = [...list.querySelectorAll('a')];
      const i = links.indexOf(document.activeElement);
      e.preventDefault();
      if (e.key === 'ArrowUp' && i <= 0) input.focus();
      else links[Math.min(links.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))]?.focus();
    });
    if (onSearchPage) {
      form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); run(); });
      const q = new URLSearchParams(location.search).get('q');
      if (q) { input.value = q; run(); }
    }
  }

  if (typeof document !== 'undefined') {
    const start = () => document.querySelectorAll('form[data-search]').forEach(setup);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }
  if (typeof globalThis !== 'undefined') globalThis.approdoSearch = { fold, indexTerms, queryTerms, cmp };
})();
