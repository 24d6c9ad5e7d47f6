import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../domain/training/digest.ts';
import {
  isValidResidentId,
  maskResidentId,
  residentIdCheckCharacter,
  residentIdSchema,
} from '../../../../domain/training/resident-id.ts';

describe('resident ID numbers', () => {
  it('computes the ISO 7064 MOD 11-2 check character, X for 10', () => {
    // The example of GB 11643-1999.
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(residentIdCheckCharacter('34020219900101123')).toMatch(/^[\dX]$/);
  });

  it('refuses a wrong check character, an impossible birth date, a bad layout', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false);
    const body = '34020219900230123'; // 30 February
    expect(isValidResidentId(body + residentIdCheckCharacter(body))).toBe(false);
    const old = '34020218991231123'; // before 1900
    expect(isValidResidentId(old + residentIdCheckCharacter(old))).toBe(false);
    expect(isValidResidentId('01010519491231002X')).toBe(false);
    expect(isValidResidentId('1101051949123100')).toBe(false);
    expect(isValidResidentId('11010519491231002Y')).toBe(false);
  });

  it('masks all but the last four characters and says nothing of the value when refusing it', () => {
    expect(maskResidentId('11010519491231002x')).toBe('**************002X');
    const refused = residentIdSchema.safeParse('110105194912310021');
    expect(refused.success).toBe(false);
    expect(JSON.stringify(refused.error?.issues)).not.toContain('1101051949');
  });
});

describe('sha256Hex', () => {
  it('equals node:crypto across block boundaries and multi-byte text', () => {
    const inputs = [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'a'.repeat(119),
      '芜湖综试区·培训',
    ];
    for (const input of inputs) {
      expect(sha256Hex(input)).toBe(createHash('sha256').update(input, 'utf8').digest('hex'));
    }
  });
});
