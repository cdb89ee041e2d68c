// Types for the browser API of Consentry's banner (window.consentry).

/** The visitor's choice as stored in the consent cookie (format version 1). */
export interface ConsentryConsent {
  v: 1;
  /** Random consent id (32 hex digits). */
  id: string;
  /** Manifest revision the choice was made for; a higher revision asks again. */
  r: number;
  /** Granted categories, strictly necessary ones included. */
  c: string[];
  /** Granted services (provider ids). */
  s: string[];
  /** First choice and last change, milliseconds since the epoch. */
  t: number;
  u: number;
  /** How the choice was made. */
  m: 'accept-all' | 'reject-all' | 'custom' | 'withdraw' | 'renewed' | 'dnt' | 'gpc' | 'api' | 'linked';
  /** Language the banner was shown in. */
  l: string;
  /** This choice's receipt in the site's transparency log (its leaf index), once the ledger has stored it. */
  x?: number;
}

export interface ConsentryApi {
  /** The current choice, or null before one is made (or before the configuration has loaded). */
  get(): ConsentryConsent | null;
  /** Calls `listener` after every change; also dispatched as the DOM event `consentry:change`. */
  on(event: 'change', listener: (consent: ConsentryConsent | null) => void): void;
  /** Opens the preferences ("Cookie settings"). Any element with `data-consentry-open` does the same on click. */
  open(): Promise<void>;
  /** Grants the given categories (all when omitted) and refuses the rest. */
  accept(categories?: string[]): Promise<void>;
  /** Forgets the choice, deletes non-essential cookies and storage, and asks again. */
  reset(): Promise<void>;
  /** Resolves once the configuration has loaded and the stored choice is applied. */
  ready: Promise<void>;
}

declare global {
  interface Window {
    consentry: ConsentryApi;
  }
}
