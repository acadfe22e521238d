/** i18next set-up: French by default, English available; resources are bundled (no network). */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import fr from './fr.json';
import en from './en.json';

/** Languages the UI speaks. */
export const LANGUAGES = ['fr', 'en'] as const;
/** One of LANGUAGES. */
export type Language = (typeof LANGUAGES)[number];

/** Initialises i18next once (synchronously: resources are in the bundle) in the given language. */
export function initI18n(lng: Language = 'fr'): typeof i18next {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { fr: { translation: fr }, en: { translation: en } },
      lng,
      fallbackLng: 'fr',
      interpolation: { escapeValue: false }, // React escapes already
      initAsync: false,
      returnNull: false,
    });
  } else if (i18next.language !== lng) void i18next.changeLanguage(lng);
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  return i18next;
}

/** Switches the UI language and the document's lang attribute (screen readers pick the voice from it). */
export function setLanguage(lng: Language): void {
  void i18next.changeLanguage(lng);
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
