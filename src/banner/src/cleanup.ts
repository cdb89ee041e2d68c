import type { Item } from './types';

function matches(i: Item, name: string): boolean {
  return i.p ? name.indexOf(i.n) === 0 : name === i.n;
}

/** Domains a cookie may have been set for: host-only, then the host and each parent domain. */
function domains(): (string | undefined)[] {
  const parts = location.hostname.split('.');
  const list: (string | undefined)[] = [undefined];
  for (let i = 0; i < parts.length - 1; i++) list.push('.' + parts.slice(i).join('.'));
  return list;
}

function paths(extra?: string): string[] {
  const list = ['/'];
  let p = '';
  for (const seg of location.pathname.split('/').slice(1, -1)) list.push((p += '/' + seg));
  if (extra) list.push(extra);
  return list;
}

/** Deletes every cookie and storage key matching the items: all names and prefixes, across parent domains and paths. */
export function clean(items: Item[]): void {
  const names = document.cookie ? document.cookie.split('; ').map((c) => c.split('=')[0]) : [];
  for (const i of items) {
    if (i.t === 'cookie') {
      for (const name of names.filter((n) => matches(i, n))) {
        for (const d of i.d ? [i.d, ...domains()] : domains()) {
          for (const p of paths(i.path)) {
            document.cookie = name + '=; Max-Age=0; Path=' + p + (d ? '; Domain=' + d : '');
          }
        }
      }
    } else if (i.t === 'indexedDB') {
      if (!i.p) indexedDB.deleteDatabase(i.n);
      else if (indexedDB.databases) {
        indexedDB.databases().then((dbs) => dbs.forEach((db) => db.name && matches(i, db.name) && indexedDB.deleteDatabase(db.name)));
      }
    } else if (i.t === 'cacheStorage') {
      if (window.caches) caches.keys().then((keys) => keys.forEach((k) => matches(i, k) && caches.delete(k)), () => undefined);
    } else if (i.t === 'serviceWorker') {
      if (navigator.serviceWorker) {
        navigator.serviceWorker.getRegistrations().then((regs) => regs.forEach((r) => {
          const w = r.active || r.waiting || r.installing;
          if (w && matches(i, new URL(w.scriptURL).pathname)) r.unregister();
        }), () => undefined);
      }
    } else {
      const store = i.t === 'localStorage' ? localStorage : sessionStorage;
      for (let k = store.length - 1; k >= 0; k--) {
        const key = store.key(k);
        if (key !== null && matches(i, key)) store.removeItem(key);
      }
    }
  }
}
