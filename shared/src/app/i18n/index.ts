import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import * as clients from '../clients/i18n.ts';
import * as deals from '../deals/i18n.ts';
import * as partners from '../partners/i18n.ts';
import * as records from '../records/i18n.ts';
import * as settings from '../settings/i18n.ts';
import * as shell from '../shell/i18n.ts';
import * as tasks from '../tasks/i18n.ts';
import * as common from './common.ts';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language by its own name, as a language switch shows it whatever the current language. */
export const LANGUAGE_NAMES: Record<Language, string> = { ru: 'Русский', en: 'English' };

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

const modules = { common, shell, clients, deals, tasks, settings, records, partners };
const LANGUAGE_KEY = 'mak.language';

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(LANGUAGE_KEY);
    return isLanguage(value) ? value : 'ru';
  } catch {
    return 'ru';
  }
}

/** One i18next instance, a namespace per screen module; Russian unless the user switched. */
export async function initI18n(): Promise<typeof i18n> {
  if (i18n.isInitialized) return i18n;
  const resources = Object.fromEntries(
    LANGUAGES.map((lng) => [lng, Object.fromEntries(Object.entries(modules).map(([ns, m]) => [ns, m[lng]]))]),
  );
  await i18n.use(initReactI18next).init({
    resources,
    lng: storedLanguage(),
    fallbackLng: 'ru',
    ns: Object.keys(modules),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  markDocumentLanguage(i18n.language);
  i18n.on('languageChanged', markDocumentLanguage);
  return i18n;
}

/** Screen readers and hyphenation follow `<html lang>`. */
function markDocumentLanguage(language: string) {
  if (globalThis.document) globalThis.document.documentElement.lang = language;
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_KEY, language);
  } catch {
    // storage unavailable: the choice lasts for this session only
  }
  await i18n.changeLanguage(language);
}
