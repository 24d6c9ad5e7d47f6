import type { Language } from './i18n.tsx';

const cjk = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * The shared schemas write their own messages in both languages, `中文 / English`; zod's locale messages
 * are in one already; stored names are too (`流程引擎 / Workflow engine`). Shows the half for the user's language, or the message as it is.
 */
export const localizeMessage = (message: string, language: Language): string => {
  const index = message.indexOf(' / ');
  if (index < 0) return message;
  const zh = message.slice(0, index);
  const en = message.slice(index + 3);
  if (!cjk.test(zh) || cjk.test(en)) return message;
  return language === 'en' ? en : zh;
};
