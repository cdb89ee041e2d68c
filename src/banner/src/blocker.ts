/**
 * Consentry's provider blocker (`blocker.js`, served per site when the manifest says `consent.blocking: providers`).
 * Loaded first in <head>, synchronously, it keeps every script, iframe, image, fetch, XMLHttpRequest, beacon and
 * WebSocket aimed at the domains of a provider the visitor has not granted from leaving the browser, whoever adds
 * it: the page, a tag manager, a widget. A held element keeps its address in `data-cy-src`; when the visitor grants
 * the provider, held elements get it back in document order, each script after the one before it has loaded.
 * The server fills in CONSENTRY_BLOCK: consent cookie name, revision, [provider id, domains] of every provider
 * that needs consent, and whether the manifest has regions. A tag made per request names, in `data-cy-pre`, the
 * providers the visitor's region lets load before a choice (opt-out, notice, none), outside the script so one
 * integrity hash serves every region; a tag made once for every visitor (other stacks) has no such attribute, and the
 * region's answer comes from `config.json` beside the script (every provider held until it arrives).
 */
import { read } from './store';

interface Block {
  c: string;
  r: number;
  p: [string, string[]][];
  g?: number;
}
interface RegionConfig {
  pre?: string[];
  gpc?: boolean;
  categories: { id: string; services: string[] }[];
}
declare const CONSENTRY_BLOCK: Block;

type Kind = typeof HTMLScriptElement | typeof HTMLIFrameElement | typeof HTMLImageElement;
type Held = HTMLScriptElement | HTMLIFrameElement | HTMLImageElement;

(() => {
  const d = CONSENTRY_BLOCK;
  const A = 'data-cy-src';
  const w = window;
  const E = Element.prototype;
  const setAttr = E.setAttribute;
  const held: Held[] = [];
  const me = document.currentScript as HTMLScriptElement | null;
  let pre = (me?.getAttribute('data-cy-pre') || '').split(' ');
  // Scripts the parser (or markup) added: Chromium never loads a parser-inserted script later, so a copy replaces it.
  const parsed = new WeakSet<Element>();
  const kinds: Kind[] = [HTMLScriptElement, HTMLIFrameElement, HTMLImageElement];
  const setters = kinds.map((k) => Object.getOwnPropertyDescriptor(k.prototype, 'src')!.set!);
  const kind = (el: unknown) => kinds.findIndex((k) => el instanceof k);
  const setSrc = (el: Held, url: string) => setters[kind(el)].call(el, url);

  /**
   * The services the visitor granted, read from the consent cookie each time (the banner writes it before anyone learns
   * of a choice), by the banner's own reader: of two cookies of the name, the latest current choice counts. Before a
   * choice: what the visitor's region allows.
   */
  const granted = (): string[] => {
    const c = read({ cookie: { name: d.c }, revision: d.r });
    return c ? c.s || [] : pre;
  };

  function blocked(url: unknown): boolean {
    let host: string;
    try {
      host = new URL(url instanceof Request ? url.url : String(url), location.href).hostname;
    } catch {
      return false;
    }
    const ids = d.p.filter(([, domains]) => domains.some((x) => host === x || host.endsWith('.' + x))).map(([id]) => id);
    return ids.length > 0 && ids.some((id) => granted().indexOf(id) < 0);
  }

  function hold(el: Held, url: string): void {
    setAttr.call(el, A, url);
    if (el.hasAttribute('src')) el.removeAttribute('src');
    if (held.indexOf(el) < 0) held.push(el);
  }

  kinds.forEach((k, i) => {
    const get = Object.getOwnPropertyDescriptor(k.prototype, 'src')!.get;
    Object.defineProperty(k.prototype, 'src', {
      configurable: true,
      get,
      set(this: Held, v: string) {
        if (blocked(v)) hold(this, String(v));
        else setters[i].call(this, v);
      },
    });
  });
  E.setAttribute = function (this: Element, name: string, value: string) {
    if (String(name).toLowerCase() === 'src' && kind(this) >= 0 && blocked(value)) return hold(this as Held, String(value));
    return setAttr.call(this, name, value);
  };

  // Markup given to innerHTML or insertAdjacentHTML (how tag managers add custom HTML) is first read inert, in a
  // template, where a blocked address moves to data-cy-src: an image would otherwise start loading as it is parsed.
  const mentions = (html: string) => d.p.some(([, domains]) => domains.some((x) => html.indexOf(x) >= 0));
  const inner = Object.getOwnPropertyDescriptor(E, 'innerHTML')!;
  // Anything but a string (null, TrustedHTML) passes through untouched, as the browser would read it.
  function inert<T>(html: T): T | string {
    if (typeof html !== 'string' || !mentions(html)) return html;
    const t = document.createElement('template');
    inner.set!.call(t, html);
    t.content.querySelectorAll('script[src],iframe[src],img[src]').forEach((el) => {
      const url = el.getAttribute('src')!;
      if (blocked(url)) {
        setAttr.call(el, A, url);
        el.removeAttribute('src');
      }
    });
    return inner.get!.call(t);
  }
  Object.defineProperty(E, 'innerHTML', {
    configurable: true,
    get: inner.get,
    set(this: Element, v: string) {
      inner.set!.call(this, inert(v));
    },
  });
  const adjacent = E.insertAdjacentHTML;
  E.insertAdjacentHTML = function (this: Element, where: InsertPosition, html: string) {
    return adjacent.call(this, where, inert(html));
  };

  // Elements the parser or markup adds: a parser-inserted script is held before it is prepared; elements that arrive
  // already held (from the markup above) wait with the others.
  const scan = (n: Node) => {
    if (n instanceof Element) {
      for (const el of [n, ...n.querySelectorAll('script[src],iframe[src],img[src],[' + A + ']')]) {
        const url = el.getAttribute('src');
        if (kind(el) >= 0 && url !== null && blocked(url)) {
          parsed.add(el);
          hold(el as Held, url);
        } else if (kind(el) >= 0 && el.hasAttribute(A) && held.indexOf(el as Held) < 0) held.push(el as Held);
      }
    }
  };
  new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(scan))).observe(document.documentElement, { childList: true, subtree: true });

  const no = (url: unknown) => 'Consentry: ' + url + ' is blocked until its provider is granted';
  const f = w.fetch;
  w.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    blocked(input) ? Promise.reject(new TypeError(no(input instanceof Request ? input.url : input))) : f(input, init);

  const X = XMLHttpRequest.prototype;
  const open = X.open;
  const send = X.send;
  const urls = new WeakMap<XMLHttpRequest, string>();
  X.open = function (this: XMLHttpRequest) {
    // eslint-disable-next-line prefer-rest-params
    urls.set(this, String(arguments[1]));
    // eslint-disable-next-line prefer-rest-params
    return open.apply(this, arguments as unknown as Parameters<typeof open>);
  };
  X.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    if (!blocked(urls.get(this))) return send.call(this, body);
    // As a network error: error, then loadend, after this call returns.
    setTimeout(() => ['error', 'loadend'].forEach((t) => this.dispatchEvent(new ProgressEvent(t))));
  };

  const nav = navigator;
  const beacon = nav.sendBeacon;
  nav.sendBeacon = (url: string | URL, data?: BodyInit | null) => !blocked(url) && beacon.call(nav, url, data);

  w.WebSocket = new Proxy(w.WebSocket, {
    construct(t, args, nt) {
      if (blocked(args[0])) throw new DOMException(no(args[0]), 'SecurityError');
      return Reflect.construct(t, args, nt);
    },
  });

  /** After a choice: held elements now granted get their address back in document order; frames of refused providers are emptied. */
  function change(): void {
    document.querySelectorAll('iframe[src]').forEach((f) => {
      const url = f.getAttribute('src')!;
      if (blocked(url)) hold(f as HTMLIFrameElement, url);
    });
    const ready = held.filter((el) => !blocked(el.getAttribute(A)));
    ready.forEach((el) => held.splice(held.indexOf(el), 1));
    ready.sort((a, b) => (a.isConnected && b.isConnected ? (a.compareDocumentPosition(b) & 4 ? -1 : 1) : +b.isConnected - +a.isConnected));
    const next = (): void => {
      let el = ready.shift();
      if (!el) return;
      const url = el.getAttribute(A)!;
      el.removeAttribute(A);
      if (el instanceof HTMLScriptElement && parsed.has(el)) {
        const copy = document.createElement('script');
        for (const a of [...el.attributes]) setAttr.call(copy, a.name, a.value);
        el.replaceWith(copy);
        el = copy;
      }
      const wait = el instanceof HTMLScriptElement && el.isConnected;
      if (wait) ['load', 'error'].forEach((t) => el.addEventListener(t, next, { once: true }));
      setSrc(el, url);
      if (!wait) next();
    };
    next();
  }
  document.addEventListener('consentry:change', change);

  // A tag made once for every visitor: what the region lets load before a choice is in the configuration, as the
  // banner reads it (Global Privacy Control keeps marketing off).
  if (d.g && me && !me.hasAttribute('data-cy-pre')) {
    f(new URL('config.json', me.src).href, { credentials: 'same-origin' })
      .then((r) => r.json() as Promise<RegionConfig>)
      .then((cfg) => {
        const gpc = cfg.gpc && (nav as unknown as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
        pre = ([] as string[]).concat(...cfg.categories.filter((c) => (cfg.pre || []).indexOf(c.id) >= 0 && !(gpc && c.id === 'marketing')).map((c) => c.services));
        change();
      })
      .catch(() => {});
  }
})();
