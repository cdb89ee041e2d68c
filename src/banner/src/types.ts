import type { ConsentryConsent } from '../consentry';

/** A declared item the banner deletes when its category is refused. */
export interface Item {
  /** Name, or prefix when `p` is true. */
  n: string;
  p: boolean;
  /** cookie, localStorage, sessionStorage, indexedDB, cacheStorage (a cache's name) or serviceWorker (its script's path). */
  t: string;
  /** Cookie domain and path, when declared. */
  d?: string;
  path?: string;
  /** Service (provider) id. */
  s?: string;
}

export interface Category {
  id: string;
  locked: boolean;
  services: string[];
  items: Item[];
}

export interface Texts {
  title: string;
  body: string;
  accept_all: string;
  reject_all: string;
  customise: string;
  save: string;
  policy: string;
  always_on: string;
  gpc: string;
  settings: string;
  allow_content: string;
  blocked_content: string;
  close: string;
  /** After a material change: "We updated our cookie policy on {date}: {summary}". */
  updated?: string;
  /** When a new revision asks again: "What changed since you last chose: {summary}". */
  renewed?: string;
  categories: Record<string, [string, string]>;
}

/** The configuration served as consentry-banner/1, derived from the manifest. */
export interface Config {
  site: string;
  revision: number;
  bannerRequired: boolean;
  /** Under an opt-out, notice or no-banner law (the visitor's region): the categories on before any choice. */
  pre?: string[];
  policyUrl: string;
  /** Where receipts go, and the hash of the policy they name; absent when the server keeps no ledger. */
  receiptUrl?: string;
  policyHash?: string;
  /** The consent cookie; `domain` (e.g. example.com) shares one choice across the subdomains the site owns. */
  cookie: { name: string; days: number; domain?: string };
  settingsLink: string;
  gpc: boolean;
  dnt: boolean;
  googleConsentMode: boolean;
  defaultLanguage: string;
  categories: Category[];
  services: Record<string, string>;
  texts: Record<string, Texts>;
}

/** The visitor's choice, as stored in the consent cookie: the public type of consentry.d.ts. */
export type Consent = ConsentryConsent;
