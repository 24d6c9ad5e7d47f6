/** Reading the parts of a PDF that tests check, without a PDF parser dependency. */

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };

/** Decodes the PDF literal string that starts at `start` (its opening parenthesis). */
export const literalString = (pdf: string, start: number): string => {
  const bytes: number[] = [];
  let depth = 0;
  for (let index = start + 1; index < pdf.length; index += 1) {
    const char = pdf[index] ?? '';
    if (char === '\\') {
      index += 1;
      const next = pdf[index] ?? '';
      const octal = /^[0-7]{1,3}/.exec(pdf.slice(index, index + 3))?.[0];
      if (octal) {
        bytes.push(Number.parseInt(octal, 8));
        index += octal.length - 1;
      } else if (next !== '\n') bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
    } else if (char === ')' && depth === 0) break;
    else {
      if (char === '(') depth += 1;
      if (char === ')') depth -= 1;
      bytes.push(char.charCodeAt(0));
    }
  }
  const buffer = Buffer.from(bytes);
  // Text strings are UTF-16BE with a byte-order mark, or PDFDocEncoding (ASCII here).
  return buffer[0] === 0xfe && buffer[1] === 0xff
    ? Buffer.from(buffer.subarray(2)).swap16().toString('utf16le')
    : buffer.toString('latin1');
};

/** A document-information entry (pdfkit writes each as an indirect string object). */
export const infoEntry = (pdf: string, key: string): string | undefined => {
  const reference = new RegExp(`/${key} (\\d+) 0 R`).exec(pdf)?.[1];
  if (!reference) return undefined;
  const object = new RegExp(`\\n${reference} 0 obj\\n\\(`).exec(pdf);
  return object ? literalString(pdf, object.index + object[0].length - 1) : undefined;
};

/** Page objects (not the page tree) of a document whose objects are not in object streams, as pdfkit writes. */
export const pageCount = (pdf: string): number => pdf.match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
