import type { Config, Consent } from './types';

/** True after read() met a choice made for an older revision: the next choice renews it. */
export let stale = false;

/** Reads the consent cookie; null when absent, unreadable or for an older revision. */
export function read(cfg: Config): Consent | null {
  const prefix = cfg.cookie.name + '=';
  for (const part of document.cookie.split('; ')) {
    if (part.indexOf(prefix) === 0) {
      try {
        const c = JSON.parse(decodeURIComponent(part.slice(prefix.length))) as Consent;
        if (c && c.v === 1 && c.r >= cfg.revision) return c;
        stale = !!c && c.v === 1;
      } catch {
        /* unreadable: ask again */
      }
      return null;
    }
  }
  return null;
}

export function write(cfg: Config, c: Consent): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = cfg.cookie.name + '=' + encodeURIComponent(JSON.stringify(c)) +
    '; Path=/; Max-Age=' + cfg.cookie.days * 86400 + '; SameSite=Lax' + secure;
}

export function remove(cfg: Config): void {
  document.cookie = cfg.cookie.name + '=; Path=/; Max-Age=0';
}

// 32 hex digits: the time in ms (12), then 80 random bits. Ids made later sort later, so the ledger's
// indexes on them grow at one end instead of touching a random page per receipt.
export function newId(): string {
  return (Date.now() + 2 ** 48).toString(16).slice(1) + [...crypto.getRandomValues(new Uint8Array(10))].map((x) => (x + 256).toString(16).slice(1)).join('');
}
