import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { residentIdCheckCharacter } from '../../../domain/training/resident-id.ts';
import {
  logger,
  maskMobile,
  maskPersonalData,
  maskPersonalText,
  REDACTED,
} from '../../../functions/shared/powertools.ts';

const body = '11010519491231002';
const residentId = `${body}${residentIdCheckCharacter(body)}`;
const maskedId = `**************${residentId.slice(-4)}`;
const mobile = '13800138000';

describe('maskPersonalText', () => {
  it('masks a resident ID number wherever it stands, keeping the last four characters', () => {
    expect(maskPersonalText(`身份证 ${residentId}，请核对`)).toBe(`身份证 ${maskedId}，请核对`);
    // A check character of 10 is written X, often typed as a lower-case x.
    const bodyWithX = Array.from({ length: 1000 }, (_, seq) => `1101051949123${String(seq).padStart(3, '0')}`)
      .map((first16) => `${first16}1`)
      .find((first17) => residentIdCheckCharacter(first17) === 'X');
    if (!bodyWithX) throw new Error('no body with check character X');
    expect(maskPersonalText(`${bodyWithX}x`)).toBe(`**************${bodyWithX.slice(-3)}X`);
  });

  it('masks an ID number whose check character is wrong: a mistyped number is still personal', () => {
    const wrong = `${body}${residentIdCheckCharacter(body) === '0' ? '1' : '0'}`;
    expect(maskPersonalText(wrong)).not.toContain(body);
  });

  it('masks mainland mobile numbers, with or without +86', () => {
    expect(maskPersonalText(`call ${mobile}.`)).toBe('call 138****8000.');
    expect(maskPersonalText('+8613912345678')).toBe('+86139****5678');
    expect(maskPersonalText('+86 13912345678')).toBe('+86 139****5678');
    expect(maskPersonalText(`"phone":"${mobile}"`)).toBe('"phone":"138****8000"');
  });

  it('leaves alone what only contains such digits: hashes, epoch milliseconds, ULIDs, dates, landlines', () => {
    const untouched = [
      `a${residentId}`,
      `${mobile}7`,
      '1730000000000',
      `01J${mobile}ABC`,
      `${'ab'.repeat(8)}${residentId}cd`,
      '2026-11-02T08:00:00.000Z',
      '0553-1234567',
      'seq 12 of 13',
    ];
    for (const text of untouched) expect(maskPersonalText(text), text).toBe(text);
  });
});

describe('maskMobile', () => {
  it('keeps the prefix, the first three and the last four digits', () => {
    expect(maskMobile(mobile)).toBe('138****8000');
    expect(maskMobile(`+86-${mobile}`)).toBe('+86-138****8000');
  });
});

describe('maskPersonalData (the JSON replacer)', () => {
  const serialize = (value: unknown) => JSON.parse(JSON.stringify(value, maskPersonalData));

  it('masks the personal fields whatever they hold', () => {
    expect(
      serialize({
        idNumber: residentId,
        phone: mobile,
        contactPhone: '0553-1234567',
        employerPhone: 13800138000,
        applicant: { IDNumber: 'not even a number' },
        list: [{ phone: mobile }],
      }),
    ).toEqual({
      idNumber: maskedId,
      phone: '138****8000',
      contactPhone: REDACTED,
      employerPhone: REDACTED,
      applicant: { IDNumber: REDACTED },
      list: [{ phone: '138****8000' }],
    });
  });

  it('keeps empty personal fields and the already-masked number as they are', () => {
    expect(serialize({ phone: '', idNumber: null, idNumberMasked: maskedId })).toEqual({
      phone: '',
      idNumber: null,
      idNumberMasked: maskedId,
    });
  });

  it('masks numbers inside any other string, and nothing else', () => {
    expect(
      serialize({ note: `ID ${residentId} tel ${mobile}`, seq: 3, ok: true, uscc: '91340200MA2N0X3K6Q' }),
    ).toEqual({
      note: `ID ${maskedId} tel 138****8000`,
      seq: 3,
      ok: true,
      uscc: '91340200MA2N0X3K6Q',
    });
  });
});

describe('the platform logger', () => {
  let written: string[];
  let stdout: MockInstance;
  let stderr: MockInstance;

  beforeEach(() => {
    written = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    vi.spyOn(console, 'info').mockImplementation((...args) => written.push(args.join(' ')));
    vi.spyOn(console, 'warn').mockImplementation((...args) => written.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args) => written.push(args.join(' ')));
  });

  afterEach(() => {
    stdout.mockRestore();
    stderr.mockRestore();
    vi.restoreAllMocks();
  });

  it('never writes a resident ID number or a mobile number: message, attributes or error', () => {
    logger.info(`registration for ${residentId}`, { phone: mobile, registration: { idNumber: residentId } });
    logger.warn('contact', { contactPhone: `+86 ${mobile}` });
    logger.error('failed', new Error(`duplicate ${residentId} / ${mobile}`));
    const output = written.join('\n');
    expect(output.length).toBeGreaterThan(0);
    expect(output).toContain(maskedId);
    expect(output).toContain('138****8000');
    expect(output).not.toContain(residentId);
    expect(output).not.toContain(body);
    expect(output).not.toContain(mobile);
    // Still one JSON document per line.
    for (const line of output.split('\n').filter((entry) => entry.trim().startsWith('{'))) {
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });
});
