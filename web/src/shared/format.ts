import type { Language } from './i18n.tsx';

/** Dates and times are always shown in China time, whatever the browser's zone. */
export const formatDateTime = (iso: string | undefined, language: Language): string =>
  iso
    ? new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso))
    : '—';

export const formatDate = (iso: string | undefined, language: Language): string =>
  iso
    ? new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(new Date(iso))
    : '—';

export const formatCny = (amount: number | undefined, language: Language): string =>
  amount === undefined
    ? '—'
    : new Intl.NumberFormat(language === 'en' ? 'en' : 'zh-CN', {
        style: 'currency',
        currency: 'CNY',
      }).format(amount);
