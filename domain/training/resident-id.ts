import { z } from 'zod';

/**
 * Resident identity card number (居民身份证号码), GB 11643-1999: 6 digits of the address code, 8 of the
 * birth date (YYYYMMDD), 3 of the sequence (odd for men, even for women) and a check character over the
 * first 17, ISO 7064 MOD 11-2, where 10 is written `X`.
 *
 * The platform never keeps the full number: the registration form turns it into the masked number
 * (`maskResidentId`) and a salted digest for duplicate detection before anything is stored or logged.
 */

const checkWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkCharacters = '10X98765432';

/** The check character of the first 17 digits. */
export const residentIdCheckCharacter = (first17: string): string => {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('the body of a resident ID is 17 digits');
  const sum = checkWeights.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  return checkCharacters.charAt(sum % 11);
};

const isRealDate = (yyyymmdd: string): boolean => {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
};

/** Layout, a real birth date from 1900 on, and the check character. Lower-case `x` is accepted. */
export const isValidResidentId = (value: string): boolean => {
  const normalized = value.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(normalized)) return false;
  if (!isRealDate(normalized.slice(6, 14))) return false;
  return residentIdCheckCharacter(normalized.slice(0, 17)) === normalized.charAt(17);
};

/** How many trailing characters stay readable in a masked number. */
export const VISIBLE_ID_CHARACTERS = 4;

/** `**************123X`: every character but the last four replaced, so the length still shows. */
export const maskResidentId = (value: string): string => {
  const normalized = value.toUpperCase();
  return '*'.repeat(normalized.length - VISIBLE_ID_CHARACTERS) + normalized.slice(-VISIBLE_ID_CHARACTERS);
};

export const residentIdInvalidMessage = '居民身份证号码无效 / Invalid resident ID number';

/** The message says what is wrong, never the value: a refused number must not reach logs either. */
export const residentIdSchema = z
  .string()
  .trim()
  .refine(isValidResidentId, { message: residentIdInvalidMessage })
  .transform((value) => value.toUpperCase());

/** A stored masked number: stars, then the last four characters. */
export const maskedResidentIdSchema = z.string().regex(/^\*{14}\d{3}[\dX]$/);
