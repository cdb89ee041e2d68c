import type { Consent } from './types';

export type Allowed = (category: string | null, service: string | null) => boolean;

export function allowedBy(c: Consent | null, locked: string[]): Allowed {
  return (category, service) =>
    !!category && (locked.indexOf(category) >= 0 || (!!c && c.c.indexOf(category) >= 0 && (!service || c.s.indexOf(service) >= 0)));
}

/**
 * Runs `<script type="text/plain" data-consent="analytics" [data-service="posthog"]>` whose category
 * (and service) is granted, by replacing each with a live copy; carries the banner's nonce for strict CSP.
 * They run in document order, as the page wrote them: an external script is loaded (or fails) before the
 * next one is released, so inline code may use the library above it.
 */
export function activate(allowed: Allowed, nonce: string): void {
  const queue = [...document.querySelectorAll<HTMLScriptElement>('script[type="text/plain"][data-consent]:not([data-cy-q])')];
  const next = (): void => {
    const old = queue.shift();
    if (!old) return;
    if (!allowed(old.getAttribute('data-consent'), old.getAttribute('data-service'))) return next();
    const s = document.createElement('script');
    for (const a of [...old.attributes]) {
      if (a.name !== 'type') s.setAttribute(a.name, a.value);
    }
    s.type = old.getAttribute('data-type') || ''; // empty: a classic script
    if (nonce) s.nonce = nonce;
    if (old.src) s.onload = s.onerror = next;
    else s.text = old.text;
    old.replaceWith(s);
    if (!old.src) next();
  };
  // Claimed at once: a second activation while this one waits for a script leaves them to this queue.
  queue.forEach((old) => {
    if (allowed(old.getAttribute('data-consent'), old.getAttribute('data-service'))) old.setAttribute('data-cy-q', '');
  });
  next();
  document.querySelectorAll<HTMLIFrameElement>('iframe[data-consent][data-src]').forEach((f) => {
    if (allowed(f.getAttribute('data-consent'), f.getAttribute('data-service'))) {
      f.src = f.getAttribute('data-src')!;
      f.removeAttribute('data-src');
      f.hidden = false;
      const ph = f.previousElementSibling;
      if (ph && ph.classList.contains('cy-ph')) ph.remove();
    }
  });
}
