/**
 * @module web/i18n
 * The dashboard's words, French (default) and English, as one typed dictionary `{ fr, en }` merged from one
 * messages file per page (messages/<page>.ts, each checked by `defineMessages`: `en` has exactly the keys of `fr`).
 * The household's choice is remembered in localStorage and mirrored in `<html lang>`. Placeholders are `{name}`.
 * A new page adds messages/<page>.ts and one entry in PARTS.
 */
import { useEffect, useState } from 'preact/hooks';
import common from './messages/common.ts';
import overview from './messages/overview.ts';
import data from './messages/data.ts';
import auth from './messages/auth.ts';
import space from './messages/space.ts';
import journal from './messages/journal.ts';
import rights from './messages/rights.ts';
import transparency from './messages/transparency.ts';
import reveal from './messages/reveal.ts';
import costs from './messages/costs.ts';
import imports from './messages/imports.ts';
import errors from './messages/errors.ts';
import authorize from './messages/authorize.ts';
import clients from './messages/clients.ts';
import receipts from './messages/receipts.ts';
import statistics from './messages/statistics.ts';
import meters from './messages/meters.ts';
import errorsHub from './messages/errors-hub.ts';
import confirm from './messages/confirm.ts';

const PARTS = {
  common,
  overview,
  data,
  auth,
  space,
  journal,
  rights,
  transparency,
  reveal,
  costs,
  imports,
  errors,
  authorize,
  clients,
  receipts,
  statistics,
  meters,
  errorsHub,
  confirm,
};

type Parts = typeof PARTS;
export type MessageKey = { [P in keyof Parts]: keyof Parts[P]['fr'] & string }[keyof Parts];
export type Dictionary = Record<MessageKey, string>;

const merge = (lang: 'fr' | 'en'): Dictionary =>
  Object.assign({}, ...Object.values(PARTS).map((p) => p[lang])) as Dictionary;
const fr = merge('fr');
const en = merge('en');

export const DICTIONARIES = { fr, en } as const satisfies Record<string, Dictionary>;

/** Two pages must not define the same key: the later one would silently win. */
export const duplicateKeys = (): string[] => {
  const seen = new Set<string>();
  return Object.values(PARTS)
    .flatMap((p) => Object.keys(p.fr))
    .filter((k) => seen.has(k) || !seen.add(k));
};
export type Locale = keyof typeof DICTIONARIES;
export const LOCALES = Object.keys(DICTIONARIES) as Locale[];
export const DEFAULT_LOCALE: Locale = 'fr';
const STORAGE_KEY = 'courant.locale';

export const isMessageKey = (k: string): k is MessageKey => Object.hasOwn(fr, k);
const isLocale = (v: unknown): v is Locale => typeof v === 'string' && v in DICTIONARIES;

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than silently vanishing. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return format(DICTIONARIES[locale][key], params);
}

function readStored(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(v) ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE; // storage disabled (private mode, file://): fall back to French every visit
  }
}

let current: Locale = readStored();
const listeners = new Set<(l: Locale) => void>();

export const getLocale = (): Locale => current;

export function setLocale(locale: Locale): void {
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    /* not remembered, still applied */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const fn of listeners) fn(locale);
}

export interface I18n {
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  setLocale: (l: Locale) => void;
}

/** Re-renders the calling component when the language changes. */
export function useI18n(): I18n {
  const [locale, set] = useState<Locale>(current);
  useEffect(() => {
    listeners.add(set);
    if (current !== locale) set(current);
    return () => void listeners.delete(set);
  }, []);
  return { locale, t: (key, params) => translate(locale, key, params), setLocale };
}

/** Applies the remembered language to `<html lang>` at start-up. */
export function initLocale(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}
