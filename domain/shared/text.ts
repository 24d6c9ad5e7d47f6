const lineBreaksAndTabs = new Set(['\n', '\r', '\t']);

/**
 * Whether text written by people holds control characters (C0, DEL, C1). Multi-line text (comments,
 * reasons) may keep line breaks and tabs; one-line text (names, labels) may not.
 */
export const hasControlCharacters = (text: string, { multiline }: { multiline: boolean }): boolean =>
  [...text].some((char) => {
    const code = char.codePointAt(0) ?? 0;
    const isControl = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    return isControl && !(multiline && lineBreaksAndTabs.has(char));
  });

export const controlCharactersMessage = '不允许控制字符 / Control characters are not allowed';
