import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  composeUscc,
  isValidUscc,
  makeUscc,
  organizationCodeCheckCharacter,
  usccAlphabet,
  usccCheckCharacter,
  usccSchema,
} from '../../../../domain/shared/uscc.ts';

describe('USCC (GB 32100-2015)', () => {
  it('accepts the example from the standard and published enterprise codes', () => {
    for (const code of [
      '91350100M000100Y43', // GB 32100-2015 example
      '914403001922038216', // 华为技术有限公司
      '91330100716105852F', // 阿里巴巴（中国）有限公司
      '91440300708461136T', // 深圳市腾讯计算机系统有限公司
      '91110000802100433B', // 北京百度网讯科技有限公司
    ]) {
      expect(isValidUscc(code), code).toBe(true);
    }
  });

  it('accepts composed codes for zone enterprises and other organization types', () => {
    const wuhuEnterprise = composeUscc({
      authority: '9',
      organizationType: '1',
      divisionCode: '340202',
      organizationCodeBody: 'MA2N4K7L',
    });
    const anqingIndividualBusiness = composeUscc({
      authority: '9',
      organizationType: '2',
      divisionCode: '340803',
      organizationCodeBody: 'L1234567',
    });
    const lawFirm = composeUscc({
      authority: '3',
      organizationType: '1',
      divisionCode: '340800',
      organizationCodeBody: '12345678',
    });
    const villageCollective = composeUscc({
      authority: 'N',
      organizationType: '2',
      divisionCode: '340225',
      organizationCodeBody: '00000001',
    });
    for (const code of [wuhuEnterprise, anqingIndividualBusiness, lawFirm, villageCollective]) {
      expect(code).toHaveLength(18);
      expect(isValidUscc(code), code).toBe(true);
    }
  });

  it('computes the GB 11714 organization-code check character, including X and 0', () => {
    expect(organizationCodeCheckCharacter('M000100Y')).toBe('4');
    expect(organizationCodeCheckCharacter('19220382')).toBe('1');
    const checks = new Set<string>();
    for (let body = 0; body < 200; body += 1) {
      checks.add(organizationCodeCheckCharacter(String(body).padStart(8, '0')));
    }
    expect(checks).toContain('X');
    expect(checks).toContain('0');
  });

  it('rejects malformed codes', () => {
    const valid = '91350100M000100Y43';
    const rejected = [
      '',
      valid.slice(0, 17), // too short
      `${valid}0`, // too long
      '91350100M000100Y44', // wrong check character
      valid.toLowerCase(),
      '91350100m000100Y43', // one lowercase letter
      ' 91350100M000100Y43',
      '91340200MA2I00000X', // I is not in the alphabet
      '91340200MA2O00000X', // O
      '91340200MA2Z00000X', // Z
      '91340200MA2S00000X', // S
      '91340200MA2V00000X', // V
      '9135010-M000100Y43',
    ];
    for (const code of rejected) expect(isValidUscc(code), code).toBe(false);
  });

  it('rejects unknown registration-authority / organization-type pairs even with a correct check character', () => {
    for (const prefix of ['94', '99', '56', 'Y2', 'B1', '01', 'A3']) {
      const code = makeUscc(`${prefix}350100M000100Y4`);
      expect(isValidUscc(code), code).toBe(false);
    }
  });

  it('rejects a non-numeric division code and a wrong organization-code check character', () => {
    expect(isValidUscc(makeUscc('9135A100M000100Y4'))).toBe(false);
    expect(isValidUscc(makeUscc('91350100M000100Y5'))).toBe(false);
  });

  it('refuses to compute a check character for a malformed prefix', () => {
    expect(() => usccCheckCharacter('91350100M000100Y')).toThrow(RangeError);
    expect(() => usccCheckCharacter('91350100M000100YI')).toThrow(RangeError);
  });

  it('validates through the zod schema with a bilingual message', () => {
    expect(usccSchema.parse('91350100M000100Y43')).toBe('91350100M000100Y43');
    const result = usccSchema.safeParse('91350100M000100Y44');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      '统一社会信用代码无效 / Invalid unified social credit code',
    );
  });

  const alphabetChar = fc.constantFrom(...usccAlphabet.split(''));
  const prefix17 = fc.array(alphabetChar, { minLength: 17, maxLength: 17 }).map((chars) => chars.join(''));

  it('property: the computed check character always matches, and any other last character does not', () => {
    fc.assert(
      fc.property(prefix17, alphabetChar, (first17, replacement) => {
        const code = makeUscc(first17);
        expect(usccCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
        if (replacement !== code.charAt(17)) {
          expect(usccCheckCharacter(first17)).not.toBe(replacement);
          expect(isValidUscc(first17 + replacement)).toBe(false);
        }
      }),
    );
  });

  it('property: codes composed from valid parts validate, and a changed last character breaks them', () => {
    const authorityAndType = fc.constantFrom(
      '11',
      '12',
      '13',
      '19',
      '31',
      '51',
      '52',
      '53',
      '91',
      '92',
      '93',
      'N1',
      'Y1',
    );
    const division = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0'));
    const body = fc.array(alphabetChar, { minLength: 8, maxLength: 8 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        authorityAndType,
        division,
        body,
        alphabetChar,
        (pair, divisionCode, organizationCodeBody, other) => {
          const code = composeUscc({
            authority: pair.charAt(0),
            organizationType: pair.charAt(1),
            divisionCode,
            organizationCodeBody,
          });
          expect(isValidUscc(code)).toBe(true);
          if (other !== code.charAt(17)) expect(isValidUscc(code.slice(0, 17) + other)).toBe(false);
        },
      ),
    );
  });
});
