// approdo app.js: what the site does where scripts run, on top of pages that work without them.
// - "My journey": checklist boxes and "I have done this step" become ticks kept in this browser's
//   localStorage only (never sent anywhere), under ids every translation shares, so a reader who
//   switches language keeps them. Without scripts the boxes stay squares to tick on paper.
// - Offline: "save this guide" / "save all guides" show the size first, then register sw.js,
//   which downloads the files. Nothing is registered until the reader asks.
// - Print: a "print this checklist" button.
// Its words (/<lang>/app-strings.json) and styles (app.css) are fetched here, so readers without
// scripts download nothing more than before.
'use strict';
(() => {
  const root = document.documentElement;
  const { base = '', langCode: lang, numbers = root.lang } = document.body.dataset;
  const preview = !!document.querySelector('script[src^="/__approdo/"]');
  const STORE = 'approdo-journey';
  const STATE = `${base}/__approdo-offline-state`;

  /** `el('p', { class: 'x' }, 'text', child)` */
  const el = (tag, attrs = {}, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...kids);
    return e;
  };
  /** In the reader's language, even inside a page borrowed from another language. */
  const own = e => { e.lang = root.lang; e.dir = root.dir; return e; };
  const button = (text, attrs = {}) => el('button', { type: 'button', ...attrs }, text);

  const read = () => {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch { return {}; }
  };
  const write = ticks => {
    try { localStorage.setItem(STORE, JSON.stringify(ticks)); } catch { /* storage full or off */ }
  };
  const set = (key, on) => {
    const ticks = read();
    if (on) ticks[key] = 1; else delete ticks[key];
    write(ticks);
  };

  /** Marks the steps done in every step list of the page. */
  function markSteps(words) {
    const ticks = read();
    for (const li of document.querySelectorAll('[data-journey]')) {
      const done = !!ticks[`step:${li.dataset.journey}`];
      li.classList.toggle('done', done);
      const mark = li.querySelector(':scope > .done-mark');
      if (done && !mark) {
        li.querySelector(':scope > a')?.after(
          own(el('span', { class: 'done-mark' }, ' ', el('span', { 'aria-hidden': 'true' }, '✓ '), words['journey-done'])));
      } else if (!done && mark) {
        mark.remove();
      }
    }
  }

  function journey(words) {
    const article = document.querySelector('article[data-page]');
    const page = article?.dataset.page;
    const boxes = [];
    let after = article?.querySelector(':scope > .content');
    if (page) {
      // Item ids are positions on the page: translations keep a checklist's items in order.
      article.querySelectorAll('.checklist .check').forEach((span, i) => {
        if (span.classList.contains('checked')) return;
        const key = `task:${page}:${i}`;
        const box = el('input', { type: 'checkbox', class: 'tick' });
        box.setAttribute('aria-label', span.closest('li').textContent.replace(/\s+/g, ' ').trim());
        box.checked = !!read()[key];
        box.addEventListener('change', () => set(key, box.checked));
        span.replaceWith(box);
        boxes.push(box);
      });
    }
    if (page && after && article.hasAttribute('data-step')) {
      const key = `step:${page}`;
      const box = el('input', { type: 'checkbox' });
      box.checked = !!read()[key];
      box.addEventListener('change', () => { set(key, box.checked); markSteps(words); });
      const p = own(el('p', { class: 'journey-step' }, el('label', {}, box, ' ', words['journey-step-done'])));
      after.after(p);
      after = p;
      boxes.push(box);
    }
    markSteps(words);
    if (!after || !(boxes.length || document.querySelector('[data-journey]'))) return;
    const status = el('p', { class: 'journey-status', role: 'status' });
    const clear = button(words['journey-clear'], { 'data-clear': '' });
    const controls = el('p', {}, clear);
    if (article.querySelector('.checklist')) {
      const print = button(words['print-checklist'], { 'data-print': '' });
      print.addEventListener('click', () => window.print());
      controls.prepend(print, ' ');
    }
    after.after(own(el('div', { class: 'journey-tools' }, el('p', {}, words['journey-privacy']), controls, status)));
    clear.addEventListener('click', () => {
      write({});
      for (const b of boxes) b.checked = false;
      markSteps(words);
      status.textContent = words['journey-cleared'];
    });
  }

  /** What is saved on this phone: `{ lang: { version, tag, guides, files: { url: [hash, title] } } }`. */
  async function saved() {
    const hit = await caches.match(STATE);
    return hit ? (await hit.json()).langs : {};
  }

  /** Sends `msg` to a worker; `onReply` sees each answer until it returns true. */
  function ask(worker, msg, onReply) {
    return new Promise(resolve => {
      const channel = new MessageChannel();
      channel.port1.onmessage = ev => { if (onReply(ev.data)) resolve(ev.data); };
      worker.postMessage(msg, [channel.port2]);
    });
  }

  const size = bytes => {
    const mb = bytes >= 1e6;
    return new Intl.NumberFormat(numbers, {
      style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: mb ? 1 : 0,
    }).format(mb ? bytes / 1e6 : Math.max(1, Math.ceil(bytes / 1e3)));
  };

  function offline(words) {
    const footer = document.querySelector('.site-footer .wrap');
    const list = document.querySelector('[data-offline-saved]');
    if (list) showSaved(list);
    if (!footer || list) return;
    const article = document.querySelector('article[data-guide]');
    const status = el('p', { class: 'offline-status', role: 'status' });
    const progress = el('progress', { 'aria-label': words['offline-saving'] });
    progress.hidden = true;
    // <bdi>: `548 kB` keeps its order on a right-to-left page, `874 كيلوبايت` its own.
    const sizeOut = el('bdi');
    const confirm = el('div', { class: 'offline-confirm' },
      el('p', {}, words['offline-size'], ' ', el('strong', {}, sizeOut)),
      el('p', {}, button(words['offline-download'], { 'data-confirm': '' }), ' ', button(words['offline-cancel'], { 'data-cancel': '' })));
    confirm.hidden = true;
    const buttons = el('p', { class: 'offline-buttons' });
    if (article) {
      buttons.append(button(words['offline-save-guide'].replace('{guide}', article.dataset.guideTitle), { 'data-save': article.dataset.guide }), ' ');
    }
    buttons.append(button(words['offline-save-all'], { 'data-save': '*' }));
    const box = own(el('section', { class: 'offline-tools', 'aria-labelledby': 'offline-tools-heading' },
      el('h2', { id: 'offline-tools-heading' }, words['offline-heading']),
      el('p', {}, words['offline-intro']), buttons, confirm, progress, status));
    footer.prepend(box);
    let pending = null;

    box.addEventListener('click', async ev => {
      const btn = ev.target.closest('button');
      if (!btn) return;
      if (btn.dataset.save) {
        status.textContent = '';
        try {
          const { files } = await (await fetch(`${base}/${lang}/offline/files.json`, { cache: 'no-store' })).json();
          const have = (await saved())[lang]?.files ?? {};
          const guide = btn.dataset.save;
          const bytes = files
            .filter(([url, , hash, g]) => (guide === '*' || g === '' || g === guide) && have[url]?.[0] !== hash)
            .reduce((n, f) => n + f[1], 0);
          if (bytes === 0 && Object.keys(have).length) {
            status.textContent = words['offline-saved'];
            return;
          }
          pending = guide;
          sizeOut.textContent = size(bytes);
          confirm.hidden = false;
          confirm.querySelector('[data-confirm]').focus();
        } catch {
          status.textContent = words['offline-failed'];
        }
      } else if (btn.hasAttribute('data-cancel')) {
        confirm.hidden = true;
        pending = null;
        buttons.querySelector('button').focus();
      } else if (btn.hasAttribute('data-confirm') && pending) {
        const guide = pending;
        pending = null;
        confirm.hidden = true;
        status.textContent = words['offline-saving'];
        progress.hidden = false;
        progress.removeAttribute('value');
        let ok = false;
        try {
          await navigator.serviceWorker.register(`${base}/sw.js`, { scope: `${base}/` });
          const { active } = await navigator.serviceWorker.ready;
          const end = await ask(active, { type: 'save', lang, guide }, m => {
            if (m.type === 'progress') { progress.max = m.total; progress.value = m.done; }
            return m.type === 'done';
          });
          ok = end.ok;
        } catch { /* reported below */ }
        progress.hidden = true;
        status.textContent = words[ok ? 'offline-saved' : 'offline-failed'];
        root.dataset.offlineSaved = ok ? 'yes' : 'no';
      }
    });

    // A phone that saved pages checks for a newer build on each visit (a few bytes per saved
    // language), so saved text is never more than one visit old.
    const worker = navigator.serviceWorker.controller;
    if (worker) {
      ask(worker, { type: 'check' }, m => {
        if (m.type === 'updated' && m.changed.some(u => new URL(u, location.href).pathname === location.pathname)) {
          status.textContent = words['offline-updated'];
        }
        return m.type === 'checked';
      }).then(() => { root.dataset.offlineChecked = 'yes'; });
    }
  }

  /** The offline page: links to what is saved, in the page's language first. */
  async function showSaved(section) {
    const langs = await saved();
    const ul = section.querySelector('ul');
    for (const l of [lang, ...Object.keys(langs).filter(l => l !== lang)]) {
      for (const [url, [, title]] of Object.entries(langs[l]?.files ?? {})) {
        if (!title) continue;
        const a = el('a', { href: url }, title);
        if (l !== lang) a.lang = langs[l].tag;
        ul.append(el('li', {}, a));
      }
    }
    section.querySelector('.offline-none').hidden = ul.children.length > 0;
    section.hidden = false;
  }

  async function start() {
    const canSave = !preview && 'serviceWorker' in navigator && 'caches' in window;
    if (preview) navigator.serviceWorker?.getRegistrations().then(rs => rs.forEach(r => r.unregister()));
    const needed = document.querySelector('.checklist, [data-journey], article[data-step]') || canSave;
    if (!needed || !lang) return;
    let words;
    try {
      words = await (await fetch(`${base}/${lang}/app-strings.json`)).json();
    } catch {
      return; // offline and not saved: the page stays as it is
    }
    // The styles first, so the controls never show unstyled.
    await new Promise(done => {
      const css = el('link', { rel: 'stylesheet', href: `${base}/app.css` });
      css.onload = css.onerror = done;
      document.head.append(css);
    });
    journey(words);
    if (canSave) offline(words);
    root.dataset.app = 'ready';
  }

  start();
})();
