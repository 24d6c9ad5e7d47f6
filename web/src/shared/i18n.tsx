import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export type Language = 'zh' | 'en';

/** Both languages side by side; Chinese first. A missing English text falls back to the Chinese one. */
export type Text = { zh: string; en: string };

interface LanguageContext {
  language: Language;
  setLanguage(language: Language): void;
  /** Picks the caller's language from a `{ zh, en }` pair (API texts and the console's own). */
  t(text: Text | undefined): string;
}

const STORAGE_KEY = 'pilot-zone.language';

const Context = createContext<LanguageContext | undefined>(undefined);

const initialLanguage = (): Language => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh');

export const LanguageProvider = ({ children }: { children: ReactNode }) => {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLanguageState(next);
  }, []);
  const value = useMemo<LanguageContext>(
    () => ({
      language,
      setLanguage,
      t: (text) => (text ? (language === 'en' ? text.en || text.zh : text.zh) : ''),
    }),
    [language, setLanguage],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
};

export const useLanguage = (): LanguageContext => {
  const context = useContext(Context);
  if (!context) throw new Error('useLanguage outside LanguageProvider');
  return context;
};
