namespace Consentry.Scanner.Collect;

/// <summary>The scripts the scanner runs in pages; each returns a bounded amount, whatever the page holds.</summary>
internal static class PageScripts
{
    /// <summary>Records every document.cookie write before any page script runs, so cookies set and removed again are still seen.</summary>
    public const string CookieHook = """
        (() => {
          const d = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
          if (!d || window.__consentryWrites) return;
          const writes = [];
          Object.defineProperty(window, '__consentryWrites', { value: writes });
          Object.defineProperty(Document.prototype, 'cookie', {
            configurable: true,
            get() { return d.get.call(this); },
            set(v) {
              try {
                const s = String(v), name = s.split('=')[0].trim();
                if (name && writes.length < 5000 && !/max-age=0|expires=thu, 01 jan 1970/i.test(s)) writes.push(name);
              } catch (e) { /* never break the page */ }
              d.set.call(this, v);
            },
          });
        })();
        """;

    /// <summary>
    /// Notes the time of the page's last DOM change (nodes added or removed, <c>hidden</c> or <c>open</c> toggled),
    /// inside shadow roots too (each one is watched as it is attached), so the scanner can tell when a page has
    /// settled instead of sleeping a fixed time.
    /// </summary>
    public const string DomWatch = """
        (() => {
          if (window.__consentryDom) return;
          const state = { last: performance.now() };
          Object.defineProperty(window, '__consentryDom', { value: state });
          const mark = () => { state.last = performance.now(); };
          const watch = root => {
            try { new MutationObserver(mark).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden', 'open'] }); } catch (e) { }
          };
          watch(document);
          const attach = Element.prototype.attachShadow;
          Element.prototype.attachShadow = function (init) { const root = attach.call(this, init); watch(root); mark(); return root; };
        })();
        """;

    /// <summary>Resolves true once the DOM has not changed for <c>quiet</c> ms, false after <c>max</c> ms (or without <see cref="DomWatch"/>).</summary>
    public const string DomQuiet = """
        ([quiet, max]) => new Promise(resolve => {
          const s = window.__consentryDom, t0 = performance.now();
          if (!s) { resolve(false); return; }
          const check = () => {
            const now = performance.now();
            if (now - s.last >= quiet) resolve(true);
            else if (now - t0 >= max) resolve(false);
            else setTimeout(check, Math.max(20, Math.min(100, quiet - (now - s.last))));
          };
          check();
        })
        """;

    /// <summary>The distinct cookie names scripts wrote, at most <c>max</c>.</summary>
    public const string CookieWrites = "max => Array.from(new Set(window.__consentryWrites || [])).slice(0, max)";

    /// <summary>[localStorage keys, sessionStorage keys, IndexedDB names], at most <c>max</c> each, read key by key (never all 200,000 at once).</summary>
    public const string Storage = """
        async max => {
          const keys = s => { try { const out = []; for (let i = 0; i < s.length && i < max; i++) out.push(s.key(i)); return out; } catch { return []; } };
          let idb = [];
          try { idb = (await indexedDB.databases()).map(d => d.name).filter(Boolean).slice(0, max); } catch { }
          return [keys(localStorage), keys(sessionStorage), idb];
        }
        """;

    /// <summary>The page's link targets, at most <c>max</c>.</summary>
    public const string Links = "max => Array.from(document.querySelectorAll('a[href]'), a => a.href).slice(0, max)";
}
