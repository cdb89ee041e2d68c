import type { Config, Consent } from './types';

/** True after read() met a choice made for an older revision: the next choice renews it. */
export let stale = false;

/**
 * Reads the consent cookie; null when absent, unreadable or for an older revision. Two of the name (a host-only one
 * from before `consent.domain` was set, and the domain-wide one) may both be sent: the latest change counts.
 */
export function read(cfg: { cookie: { name: string }; revision: number }): Consent | null {
  const prefix = cfg.cookie.name + '=';
  let found: Consent | null = null;
  let old = false;
  for (const part of document.cookie.split('; ')) {
    if (part.indexOf(prefix) === 0) {
      try {
        const c = JSON.parse(decodeURIComponent(part.slice(prefix.length))) as Consent;
        if (c && c.v === 1 && c.r >= cfg.revision) {
          if (!found || c.u > found.u) found = c;
        } else old = old || (!!c && c.v === 1);
      } catch {
        /* unreadable: ask again */
      }
    }
  }
  stale = !found && old;
  return found;
}

/** `; Domain=…` when the configured domain covers this page's host (not on localhost or a preview host). */
function domain(cfg: Config): string {
  const d = cfg.cookie.domain;
  const h = location.hostname;
  return d && (h === d || h.endsWith('.' + d)) ? '; Domain=' + d : '';
}

/** Writes the choice, expiring `days` after it was made (so writing it again does not extend it); a domain-wide cookie replaces a host-only one of the same name. */
export function write(cfg: Config, c: Consent): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  const d = domain(cfg);
  if (d) remove(cfg, '');
  document.cookie = cfg.cookie.name + '=' + encodeURIComponent(JSON.stringify(c)) +
    '; Path=/; Expires=' + new Date(c.u + cfg.cookie.days * 864e5).toUTCString() + '; SameSite=Lax' + d + secure;
}

/** Deletes the cookie: host-only, and domain-wide unless `d` is given ('' for host-only only). */
export function remove(cfg: Config, d = domain(cfg)): void {
  const gone = cfg.cookie.name + '=; Path=/; Max-Age=0';
  document.cookie = gone;
  if (d) document.cookie = gone + d;
}

// 32 hex digits: the time in ms (12), then 80 random bits. Ids made later sort later, so the ledger's
// indexes on them grow at one end instead of touching a random page per receipt.
export function newId(): string {
  return (Date.now() + 2 ** 48).toString(16).slice(1) + [...crypto.getRandomValues(new Uint8Array(10))].map((x) => (x + 256).toString(16).slice(1)).join('');
}
