import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { maskResidentId } from '../../domain/training/resident-id.ts';

/**
 * Personal data never reaches a log line (PIPL; the platform stores resident ID numbers masked only).
 * Two nets, applied to every value the logger serializes, including error messages and stacks:
 *
 * - by field: a field named `idNumber`, `phone` or `contactPhone` (or ending in `IdNumber` / `Phone`,
 *   any case) is masked whatever it holds;
 * - by shape: inside any string, a resident ID number (居民身份证号码: 6-digit area, a birth date from
 *   1800 on, 3-digit sequence, check character) and a mainland mobile number (1[3-9] + 9 digits,
 *   optionally +86) are masked where they stand, unless they are part of a longer run of letters or
 *   digits (hashes, ULIDs, epoch milliseconds).
 *
 * A number that only looks like one of them (an 11-digit amount in a message) is masked too: over-masking
 * a log is the safe error.
 */

const RESIDENT_ID_IN_TEXT =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<![0-9A-Za-z+])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9A-Za-z])/g;
const PERSONAL_FIELD = /(?:idnumber|phone)$/i;

/** Placeholder for a personal field whose value is not text. */
export const REDACTED = '[REDACTED]';

/** `138****8000`: the operator and the last four digits stay readable, like on a receipt; +86 is kept. */
export const maskMobile = (value: string): string => {
  const digits = value.slice(-11);
  return `${value.slice(0, -11)}${digits.slice(0, 3)}****${digits.slice(7)}`;
};

/** Masks every resident ID number and mobile number inside `text`, leaving the rest as it is. */
export const maskPersonalText = (text: string): string =>
  text.replace(RESIDENT_ID_IN_TEXT, (match) => maskResidentId(match)).replace(MOBILE_IN_TEXT, maskMobile);

const maskPersonalField = (value: unknown): unknown => {
  if (value === undefined || value === null || value === '') return value;
  if (typeof value !== 'string') return REDACTED;
  const masked = maskPersonalText(value);
  // A value of the field that has neither shape (a landline, a malformed number) is hidden entirely.
  return masked === value ? REDACTED : masked;
};

/** The logger's JSON replacer (Powertools `jsonReplacerFn`): see above. */
export const maskPersonalData = (key: string, value: unknown): unknown => {
  if (key !== '' && PERSONAL_FIELD.test(key)) return maskPersonalField(value);
  if (typeof value === 'string') return maskPersonalText(value);
  return value;
};

// One instance each per function, created at cold start; service name and namespace come from the
// POWERTOOLS_* variables that the infrastructure (or the local cloud) sets.
export const logger = new Logger({ jsonReplacerFn: maskPersonalData });
export const metrics = new Metrics();
