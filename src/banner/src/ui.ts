import { stale } from './store';
import type { Config, Consent, Texts } from './types';

export interface Handlers {
  choose(categories: string[], services: string[] | null, method: Consent['m']): void;
}

export interface Dialog {
  show(prefs: boolean): void;
  hide(): void;
}

/** Creates an element with a class and text; text always goes through textContent, never HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

/** A button that never submits a form around it. */
export function button(text: string, cls?: string): HTMLButtonElement {
  const b = el('button', cls, text);
  b.type = 'button';
  return b;
}

function checkbox(name: string): HTMLInputElement {
  const b = el('input');
  b.type = 'checkbox';
  b.name = name;
  return b;
}

/** Builds the two-layer dialog: Accept all, Reject all (equal prominence) and Customise; then per category and service toggles. */
export function dialog(cfg: Config, t: Texts, lang: string, gpc: boolean, current: () => Consent | null, h: Handlers): Dialog {
  const root = el('div', 'cy');
  root.setAttribute('role', 'dialog');
  root.setAttribute('aria-labelledby', 'cy-t');
  root.setAttribute('aria-describedby', 'cy-b');
  root.lang = lang;
  // The text decides the direction: an Arabic banner reads right to left, on any page.
  root.dir = 'auto';
  root.tabIndex = -1;
  const title = el('h2', '', t.title);
  title.id = 'cy-t';
  const body = el('p', '', t.body + ' ');
  body.id = 'cy-b';
  const link = el('a', '', t.policy);
  link.href = cfg.policyUrl;
  body.appendChild(link);
  root.append(title, body);
  if (gpc) root.appendChild(el('p', 'cy-gpc', t.gpc));
  // A new revision asks again: say what changed since the visitor last chose.
  if (stale && t.renewed && !current()) root.appendChild(el('p', 'cy-gpc', t.renewed));

  const prefs = el('div', 'cy-prefs');
  const boxes: Record<string, HTMLInputElement> = {};
  const serviceBoxes: Record<string, HTMLInputElement[]> = {};
  for (const c of cfg.categories) {
    const [label, description] = t.categories[c.id] || [c.id, ''];
    const fs = el('fieldset');
    const lab = el('label');
    const box = checkbox(c.id);
    boxes[c.id] = box;
    if (c.locked || (gpc && c.id === 'marketing')) box.disabled = true;
    lab.append(box, ' ' + label + (c.locked ? ' (' + t.always_on + ')' : ''));
    fs.append(lab, el('p', '', description));
    serviceBoxes[c.id] = c.services.map((s) => {
      const sl = el('label', 'cy-svc');
      const sb = checkbox(c.id + ':' + s);
      sb.value = s;
      sb.disabled = box.disabled;
      sl.append(sb, ' ' + (cfg.services[s] || s));
      fs.appendChild(sl);
      sb.addEventListener('change', () => {
        if (sb.checked) box.checked = true;
      });
      return sb;
    });
    box.addEventListener('change', () => serviceBoxes[c.id].forEach((sb) => (sb.checked = box.checked)));
    prefs.appendChild(fs);
  }

  const btns = el('div', 'cy-btns');
  const accept = button(t.accept_all);
  const reject = button(t.reject_all);
  const custom = button(t.customise, 'cy-2');
  const save = button(t.save, 'cy-2');
  btns.append(accept, reject, custom, save);
  root.append(prefs, btns);

  const optional = cfg.categories.filter((c) => !c.locked).map((c) => c.id);
  let returnTo: Element | null = null;
  const d: Dialog = {
    show(open) {
      const c = current();
      for (const cat of cfg.categories) {
        boxes[cat.id].checked = cat.locked || (!!c && c.c.indexOf(cat.id) >= 0 && !(gpc && cat.id === 'marketing'));
        serviceBoxes[cat.id].forEach((sb) => (sb.checked = boxes[cat.id].checked && (!c || c.s.indexOf(sb.value) >= 0)));
      }
      prefs.hidden = !open;
      custom.hidden = open;
      save.hidden = !open;
      if (!root.isConnected) {
        returnTo = document.activeElement;
        document.body.appendChild(root);
      }
      root.focus();
    },
    hide() {
      root.remove();
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
    },
  };
  accept.addEventListener('click', () => h.choose(optional, null, 'accept-all'));
  reject.addEventListener('click', () => h.choose([], [], current() ? 'withdraw' : 'reject-all'));
  custom.addEventListener('click', () => d.show(true));
  save.addEventListener('click', () => {
    const services: string[] = [];
    for (const id in serviceBoxes) serviceBoxes[id].forEach((sb) => sb.checked && services.push(sb.value));
    h.choose(optional.filter((id) => boxes[id].checked), services, 'custom');
  });
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && current()) d.hide();
  });
  return d;
}
