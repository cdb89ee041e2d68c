import { clean } from './cleanup';
import { activate, allowedBy } from './gate';
import { newId, read, remove, stale, write } from './store';
import type { Config, Consent, Item, Texts } from './types';
import { button, dialog, el, type Dialog } from './ui';

type Listener = (consent: Consent | null) => void;
type Gtag = (...args: unknown[]) => void;
interface Win {
  dataLayer?: unknown[];
  gtag?: Gtag;
  consentry?: unknown;
}

const w = window as unknown as Win;
const script = document.currentScript as HTMLScriptElement | null;
const nonce = (script && script.nonce) || '';
const gcm = !!script && script.hasAttribute('data-gcm');
const listeners: Listener[] = [];
let cfg: Config;
let consent: Consent | null = null;
let lang = 'en';
let ui: Dialog | null = null;

const dl = (entry: unknown) => (w.dataLayer = w.dataLayer || []).push(entry);

// Google's tags read a dataLayer entry as a gtag command only when it is an Arguments object (an array is ignored).
function gtag(_command: string, _type: string, _state: object): void {
  // eslint-disable-next-line prefer-rest-params
  dl(arguments);
}

const G = (on: boolean) => (on ? 'granted' : 'denied');
if (gcm) {
  // Google Consent Mode v2: everything denied before any tag runs, security always granted.
  gtag('consent', 'default', {
    ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied',
    functionality_storage: 'denied', personalization_storage: 'denied', security_storage: 'granted', wait_for_update: 500,
  });
}

const gpc = () => cfg.gpc && (navigator as unknown as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
const locked = () => cfg.categories.filter((c) => c.locked).map((c) => c.id);
// Where the visitor's law does not ask first: on until a choice; Global Privacy Control keeps marketing off.
const pre = () => (consent ? [] : (cfg.pre || []).filter((c) => !(gpc() && c === 'marketing')));

function texts(): Texts {
  return cfg.texts[lang] || cfg.texts[cfg.defaultLanguage] || cfg.texts.en;
}

function pickLanguage(): string {
  const wanted = [document.documentElement.lang, ...navigator.languages];
  for (const l of wanted) {
    const base = l.slice(0, 2).toLowerCase();
    if (cfg.texts[base]) return base;
  }
  return cfg.defaultLanguage;
}

function apply(): void {
  const allow = allowedBy(consent, locked().concat(pre()));
  const denied: Item[] = [];
  for (const c of cfg.categories) for (const i of c.items) if (!allow(c.id, i.s || null)) denied.push(i);
  clean(denied);
  activate(allow, nonce);
  // Tag managers: the granted categories, at load and after every choice (a trigger on this event fires tags).
  dl({ event: 'consentry_consent_update', consentry_categories: cfg.categories.filter((c) => allow(c.id, null)).map((c) => c.id) });
  if (gcm) {
    const ads = G(allow('marketing', null));
    gtag('consent', 'update', {
      analytics_storage: G(allow('analytics', null)),
      ad_storage: ads, ad_user_data: ads, ad_personalization: ads,
      functionality_storage: G(allow('functional', null)), personalization_storage: G(allow('functional', null)),
      security_storage: 'granted',
    });
  }
}

function choose(categories: string[], services: string[] | null, method: Consent['m']): void {
  // A first choice after a revision that asked again renews the old one.
  if (stale && !consent && method !== 'dnt') method = 'renewed';
  // Global Privacy Control took marketing out of what was asked for: the receipt says the signal decided.
  if (gpc() && categories.indexOf('marketing') >= 0) method = 'gpc';
  const cats = locked().concat(categories.filter((c) => !(gpc() && c === 'marketing')));
  const now = Date.now();
  consent = {
    v: 1, id: consent ? consent.id : newId(), r: cfg.revision, c: cats,
    s: services || ([] as string[]).concat(...cfg.categories.filter((c) => cats.indexOf(c.id) >= 0).map((c) => c.services)),
    t: consent ? consent.t : now, u: now, m: method, l: lang,
  };
  write(cfg, consent);
  // Built again when next opened: it then says nothing of the change the visitor has just answered.
  if (ui) ui.hide();
  ui = null;
  apply();
  send(receipt(consent), consent.u);
  notify();
}

const PENDING = 'consentry-pending';

function pending(): unknown[] {
  try {
    return JSON.parse(localStorage.getItem(PENDING) || '[]') as unknown[];
  } catch {
    return [];
  }
}

function keep(list: unknown[]): void {
  try {
    if (list.length) localStorage.setItem(PENDING, JSON.stringify(list.slice(-20)));
    else localStorage.removeItem(PENDING);
  } catch {
    /* storage unavailable: the receipt is lost on this device, the choice still applies */
  }
}

/**
 * Sends a receipt; one the server could not take (offline, 429, 5xx) waits in localStorage for the next page.
 * The answer's leaf index (the receipt's place in the site's transparency log) is kept in the consent cookie
 * while it still holds the choice the receipt is for (same change time `u`).
 */
function send(r: unknown, u?: number): void {
  if (!cfg.receiptUrl) return;
  // A string body is sent as text/plain: a simple request, so a banner on another origin needs no preflight.
  fetch(cfg.receiptUrl, { method: 'POST', keepalive: true, body: JSON.stringify(r) })
    .then((res) => {
      if (res.status === 429 || res.status >= 500) throw new Error(String(res.status));
      if (res.ok && u) {
        res.json().then((a: { leafIndex?: number }) => {
          const c = read(cfg);
          if (c && c.u === u && typeof a.leafIndex === 'number') {
            c.x = a.leafIndex;
            write(cfg, c);
          }
        }, () => undefined);
      }
    })
    .catch(() => keep(pending().concat([r])));
}

function receipt(c: Consent): unknown {
  const categories: Record<string, boolean> = {};
  const services: Record<string, boolean> = {};
  for (const x of cfg.categories) categories[x.id] = c.c.indexOf(x.id) >= 0;
  for (const id in cfg.services) services[id] = c.s.indexOf(id) >= 0;
  // A new id per receipt: a retry from the pending queue sends the same one, so the server stores it once.
  return {
    receiptId: newId(), consentId: c.id, revision: c.r, policyHash: cfg.policyHash, categories, services,
    method: c.m, language: c.l, pageUrl: location.origin + location.pathname,
  };
}

function notify(): void {
  listeners.forEach((f) => f(consent));
  document.dispatchEvent(new CustomEvent('consentry:change', { detail: consent }));
}

const SEEN = 'consentry-revision';

/** On a site without a banner: a returning visitor learns once that the policy changed materially since their last visit. */
function notice(): void {
  let seen: string | null;
  try {
    seen = localStorage.getItem(SEEN);
    localStorage.setItem(SEEN, String(cfg.revision));
  } catch {
    return;
  }
  const t = texts();
  if (seen === null || +seen >= cfg.revision || !t.updated) return;
  const n = el('div', 'cy-notice', t.updated + ' ');
  n.setAttribute('role', 'status');
  n.lang = lang;
  n.dir = 'auto';
  const a = el('a', '', t.policy);
  a.href = cfg.policyUrl;
  const x = button('\u00d7', 'cy-x');
  x.setAttribute('aria-label', t.close);
  x.addEventListener('click', () => n.remove());
  n.append(a, x);
  document.body.appendChild(n);
}

function open(prefs: boolean): void {
  ui = ui || dialog(cfg, texts(), lang, gpc(), () => consent, { choose });
  ui.show(prefs);
}

function placeholders(): void {
  const t = texts();
  document.querySelectorAll<HTMLIFrameElement>('iframe[data-consent][data-src]').forEach((f) => {
    const id = f.getAttribute('data-consent')!;
    const label = (t.categories[id] || [id])[0];
    const ph = el('div', 'cy-ph');
    const b = button(t.allow_content.replace('{category}', label));
    b.addEventListener('click', () => choose((consent ? consent.c : []).concat(id), null, 'custom'));
    ph.append(el('p', '', t.blocked_content.replace('{category}', label)), b);
    f.hidden = true;
    f.before(ph);
  });
}

const ready = (async () => {
  const base = script && script.src ? script.src : location.href;
  const url = new URL((script && script.getAttribute('data-config')) || 'config.json', base).href;
  if (script && !script.hasAttribute('data-no-css')) {
    // One script tag is all a site adds: the stylesheet sits beside the script.
    const css = el('link');
    css.rel = 'stylesheet';
    css.href = new URL('banner.css', base).href;
    if (nonce) css.nonce = nonce;
    document.head.appendChild(css);
  }
  // A page rendered per visitor carries the configuration inline (no second request before the banner shows).
  const inline = document.getElementById('consentry-config');
  cfg = inline ? JSON.parse(inline.textContent!) : await (await fetch(url)).json(); // same-origin credentials, as the preload's
  // Loaded async (or synchronously in <head>): the page is parsed first, so held tags further down are found too.
  if (document.readyState == 'loading') await new Promise((r) => addEventListener('DOMContentLoaded', r));
  cfg.policyUrl = new URL(cfg.policyUrl, url).href;
  if (cfg.receiptUrl) cfg.receiptUrl = new URL(cfg.receiptUrl, url).href;
  lang = pickLanguage();
  consent = read(cfg);
  // With consent.domain: the choice moves to the domain-wide cookie (once; the expiry stays the choice's).
  if (consent && cfg.cookie.domain) write(cfg, consent);
  placeholders();
  if (!consent && cfg.bannerRequired && cfg.dnt && navigator.doNotTrack === '1') choose([], [], 'dnt');
  // A consent to marketing given before the browser sent Global Privacy Control is narrowed, with a receipt.
  else if (consent && gpc() && consent.c.indexOf('marketing') >= 0) {
    const ads = ([] as string[]).concat(...cfg.categories.filter((c) => c.id === 'marketing').map((c) => c.services));
    choose(consent.c, consent.s.filter((id) => ads.indexOf(id) < 0), 'gpc');
  }
  // Under an opt-out law the signal is the visitor's opt-out: recorded as one, without asking.
  else if (!consent && cfg.pre && gpc()) choose(pre(), null, 'gpc');
  else {
    // A first visit: the banner before anything else, so the next frame shows it.
    if (cfg.bannerRequired && !consent) open(false);
    apply();
  }
  document.addEventListener('click', (e) => {
    const target = e.target as Element;
    if (target.closest && target.closest('[data-consentry-open]')) {
      e.preventDefault();
      open(true);
    }
  });
  if (cfg.bannerRequired && (cfg.settingsLink === 'floating-button' || cfg.settingsLink === 'both')) {
    const fab = button(texts().settings, 'cy-fab');
    fab.setAttribute('data-consentry-open', '');
    document.body.appendChild(fab);
  }
  if (!cfg.bannerRequired) notice();
  // Receipts an earlier page could not send.
  const waiting = pending();
  keep([]);
  waiting.forEach(send);
})();

w.consentry = {
  /** The visitor's current choice, or null before one is made (or before the configuration loaded). */
  get: () => consent,
  /** Calls `fn` after every change of choice. */
  on: (event: 'change', fn: Listener) => {
    if (event === 'change') listeners.push(fn);
  },
  /** Opens the preferences (the "Cookie settings" layer). */
  open: () => ready.then(() => open(true)),
  /** Grants the given categories (all when omitted) and refuses the rest. */
  accept: (categories?: string[]) =>
    ready.then(() => choose(categories || cfg.categories.filter((c) => !c.locked).map((c) => c.id), null, 'api')),
  /** Forgets the choice, deletes non-essential items and asks again. */
  reset: () =>
    ready.then(() => {
      remove(cfg);
      consent = null;
      apply();
      notify();
      if (cfg.bannerRequired) open(false);
    }),
  ready,
};
