namespace Consentry.Scanner.Collect;

/// <summary>The scripts the scanner runs in pages; each returns a bounded amount, whatever the page holds.</summary>
internal static class PageScripts
{
    /// <summary>
    /// Records every cookie a script writes, before any page script runs, with its whole attribute string:
    /// <c>document.cookie</c> writes as written, <c>cookieStore.set</c> calls as the equivalent line. So cookies set
    /// and removed again are still seen, and the lifetime a script asks for is checked like a header's.
    /// </summary>
    public const string CookieHook = """
        (() => {
          const d = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
          if (!d || window.__consentryWrites) return;
          const writes = [];
          Object.defineProperty(window, '__consentryWrites', { value: writes });
          const note = (name, line, source) => {
            if (window.__consentryActivity) window.__consentryActivity.last = performance.now();
            if (name && writes.length < 5000) writes.push([name, line.slice(0, 4096), String(Date.now()), source]);
          };
          Object.defineProperty(Document.prototype, 'cookie', {
            configurable: true,
            get() { return d.get.call(this); },
            set(v) {
              try {
                const s = String(v);
                if (!/max-age=0|expires=thu, 01 jan 1970/i.test(s)) note(s.split(';')[0].split('=')[0].trim(), s, 'script');
              } catch (e) { /* never break the page */ }
              d.set.call(this, v);
            },
          });
          const store = window.CookieStore && CookieStore.prototype;
          if (store && store.set) {
            const set = store.set;
            store.set = function (a, b) {
              try {
                const o = a !== null && typeof a === 'object' ? a : { name: a, value: b };
                const parts = [String(o.name) + '=' + String(o.value ?? '')];
                if (o.expires != null) parts.push('Expires=' + new Date(o.expires).toUTCString());
                if (o.domain) parts.push('Domain=' + o.domain);
                if (o.path) parts.push('Path=' + o.path);
                if (o.sameSite) parts.push('SameSite=' + o.sameSite);
                if (o.partitioned) parts.push('Partitioned');
                if (o.expires == null || o.expires > Date.now()) note(String(o.name), parts.join('; '), 'cookieStore');
              } catch (e) { /* never break the page */ }
              return set.apply(this, arguments);
            };
          }
        })();
        """;

    /// <summary>The distinct cookie writes of scripts, at most <c>max</c>: [name, line, epoch ms, source] each.</summary>
    public const string CookieWrites = """
        max => {
          const seen = new Set(), out = [];
          for (const w of window.__consentryWrites || []) {
            const key = w[0] + '\n' + w[1];
            if (!seen.has(key) && out.length < max) { seen.add(key); out.push(w); }
          }
          return out;
        }
        """;

    /// <summary>
    /// Notes the time of the page's last activity: a DOM change (nodes added or removed, <c>hidden</c> or <c>open</c>
    /// toggled; inside shadow roots too, each watched as it is attached), a cookie write (<see cref="CookieHook"/>
    /// marks it) or a Web Storage write. So the scanner can tell when a page has settled instead of sleeping a fixed time.
    /// It also follows the work the page has scheduled (timeouts due within a second, short intervals, animation-frame
    /// and idle callbacks, fetch and XHR calls in flight, beacons), so a page with none left need not wait out the full
    /// quiet window (<see cref="Settled"/>'s <c>fast</c>).
    /// Shadow roots are attached open even when the page asks for a closed one, so a banner drawn in a closed root is
    /// found and operated like any other (the page then sees its host's <c>shadowRoot</c>; declarative closed roots in
    /// HTML stay closed).
    /// </summary>
    public const string ActivityWatch = """
        (() => {
          if (window.__consentryActivity) return;
          const st = window.setTimeout, ct = window.clearTimeout, si = window.setInterval, ci = window.clearInterval;
          // timers: the page's pending timeouts due within a second; loops: its running intervals of a second or less;
          // callbacks: pending animation-frame and idle callbacks; requests: its fetch and XHR calls not yet answered;
          // beacon: when it last sent one (its answer is never seen); unknown: a timer whose work cannot be followed.
          const state = { last: performance.now(), timers: new Set(), loops: new Set(), callbacks: 0, requests: 0, beacon: -1e9, unknown: false, timeout: (f, d) => st.call(window, f, d) };
          Object.defineProperty(window, '__consentryActivity', { value: state });
          const mark = () => { state.last = performance.now(); };
          const watch = root => {
            try { new MutationObserver(mark).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden', 'open'] }); } catch (e) { }
          };
          watch(document);
          const attach = Element.prototype.attachShadow;
          Element.prototype.attachShadow = function (init) { const root = attach.call(this, Object.assign({}, init, { mode: 'open' })); watch(root); mark(); return root; };
          const setItem = Storage.prototype.setItem;
          Storage.prototype.setItem = function () { mark(); return setItem.apply(this, arguments); };
          window.setTimeout = function (f, delay, ...rest) {
            if (typeof f !== 'function') { state.unknown = true; return st.apply(window, arguments); }
            if ((Number(delay) || 0) > 1000) return st.call(window, f, delay, ...rest);
            const id = st.call(window, function () { state.timers.delete(id); mark(); return f.apply(this, arguments); }, delay, ...rest);
            state.timers.add(id);
            return id;
          };
          window.clearTimeout = function (id) { state.timers.delete(id); return ct.apply(window, arguments); };
          window.setInterval = function (f, delay) {
            const id = si.apply(window, arguments);
            if (typeof f !== 'function') state.unknown = true; else if (Number(delay) <= 1000 || !(Number(delay) > 0)) state.loops.add(id);
            return id;
          };
          window.clearInterval = function (id) { state.loops.delete(id); return ci.apply(window, arguments); };
          const follow = (request, cancel) => {
            const r = window[request], c = window[cancel];
            if (typeof r !== 'function') return;
            const open = new Set();
            window[request] = function (f, ...rest) {
              if (typeof f !== 'function') return r.apply(window, arguments);
              const id = r.call(window, function () { if (open.delete(id)) state.callbacks--; return f.apply(this, arguments); }, ...rest);
              open.add(id); state.callbacks++;
              return id;
            };
            window[cancel] = function (id) { if (open.delete(id)) state.callbacks--; return c.apply(window, arguments); };
          };
          follow('requestAnimationFrame', 'cancelAnimationFrame');
          follow('requestIdleCallback', 'cancelIdleCallback');
          const done = () => { state.requests--; mark(); };
          const f = window.fetch;
          if (typeof f === 'function') window.fetch = function () {
            state.requests++; mark();
            try { const p = f.apply(this, arguments); p.then(done, done); return p; } catch (e) { done(); throw e; }
          };
          const send = XMLHttpRequest.prototype.send;
          XMLHttpRequest.prototype.send = function () {
            state.requests++; mark();
            try { this.addEventListener('loadend', done, { once: true }); return send.apply(this, arguments); } catch (e) { done(); throw e; }
          };
          const beacon = navigator.sendBeacon;
          if (typeof beacon === 'function') navigator.sendBeacon = function () { state.beacon = performance.now(); mark(); return beacon.apply(this, arguments); };
        })();
        """;

    /// <summary>
    /// Blocks <c>window.open</c> (it answers null, as for a blocked popup): the scanner reads only its own tabs and would
    /// close the popup anyway, and a page opening popups that open popups would otherwise keep the one browser of all
    /// three visits busy. Transient user activation cannot tell a click from a load here: under DevTools a freshly
    /// loaded page already counts as activated, so a visitor's popup blocker cannot be imitated more closely.
    /// </summary>
    public const string PopupBlocker = """
        (() => {
          try { Object.defineProperty(window, 'open', { configurable: true, writable: true, value: function open() { return null; } }); } catch (e) { }
        })();
        """;

    /// <summary>
    /// Resolves true once the page has had no activity (<see cref="ActivityWatch"/>) for <c>quiet</c> ms, or for
    /// <c>fast</c> ms when nothing it scheduled is still pending (no timer, callback or request it started, no recent
    /// beacon, loaded, and no frame or plug-in whose own work cannot be seen from here); false after <c>max</c> ms (or
    /// without the watch); the watch's <c>settledBy</c> says which window ended it. Every check runs from a timer of the
    /// page's own (not counted as its work), so the page's timers that were due earlier (a cookie set 400 ms after load
    /// on a busy machine) always run first.
    /// </summary>
    public const string Settled = """
        ({ quiet, max, fast }) => new Promise(resolve => {
          const s = window.__consentryActivity, t0 = performance.now();
          quiet = Number(quiet) || 500; max = Number(max) || 5000; fast = Number(fast) || quiet;
          if (!s) { resolve(false); return; }
          const calm = () => fast < quiet && s.timers.size === 0 && s.loops.size === 0 && s.callbacks === 0 && s.requests <= 0 && !s.unknown
            && performance.now() - s.beacon >= quiet
            && document.readyState === 'complete' && !document.querySelector('iframe, frame, object, embed');
          const check = () => {
            const now = performance.now(), idle = now - s.last, need = calm() ? fast : quiet;
            if (idle >= need) { s.settledBy = need < quiet ? 'fast' : 'quiet'; resolve(true); }
            else if (now - t0 >= max) resolve(false);
            else s.timeout(check, Math.max(20, Math.min(100, need - idle)));
          };
          s.timeout(check, 0);
        })
        """;

    /// <summary>
    /// [localStorage keys, sessionStorage keys, IndexedDB names, Cache Storage cache names, service worker script
    /// paths], at most <c>max</c> each, read key by key (never all 200,000 at once).
    /// </summary>
    public const string Storage = """
        async max => {
          const keys = s => { try { const out = []; for (let i = 0; i < s.length && i < max; i++) out.push(s.key(i)); return out; } catch { return []; } };
          let idb = [];
          try { idb = (await indexedDB.databases()).map(d => d.name).filter(Boolean).slice(0, max); } catch { }
          let cached = [], workers = [];
          try { if (window.caches) cached = (await caches.keys()).slice(0, max); } catch { }
          try {
            if (navigator.serviceWorker) workers = (await navigator.serviceWorker.getRegistrations())
              .map(r => r.active || r.waiting || r.installing).filter(Boolean).map(w => new URL(w.scriptURL).pathname).slice(0, max);
          } catch { }
          return [keys(localStorage), keys(sessionStorage), idb, cached, workers];
        }
        """;

    /// <summary>The page's link targets, at most <c>max</c>.</summary>
    public const string Links = "max => Array.from(document.querySelectorAll('a[href]'), a => a.href).slice(0, max)";
}
