import { z } from 'zod';

/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
 *
 * Layout: [1] registration authority, [2] organization type, [3–8] administrative division of the
 * registering authority, [9–17] organization code (GB 11714, its 9th character a check character),
 * [18] check character over the first 17.
 */

/** The code alphabet leaves out I, O, Z, S and V so they cannot be misread as 1, 0, 2, 5 and U. */
export const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const organizationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Registration-authority code → the organization-type codes it may issue. GB 32100-2015 defined 1, 5, 9
 * and Y; the Standardization Administration assigned the others later (e.g. law firms start with 31), and
 * codes carrying them are in circulation, so they are accepted too.
 */
export const usccOrganizationTypes: Readonly<
  Record<string, { authorityZh: string; types: Readonly<Record<string, string>> }>
> = {
  '1': {
    authorityZh: '机构编制',
    types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { authorityZh: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    authorityZh: '司法行政',
    types: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { authorityZh: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { authorityZh: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    authorityZh: '旅游',
    types: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { authorityZh: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { authorityZh: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { authorityZh: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { authorityZh: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: {
    authorityZh: '农业',
    types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { authorityZh: '其他', types: { '1': '其他' } },
};

const first17Pattern = /^[0-9A-HJ-NPQRTUWXY]{17}$/;
const usccPattern = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const divisionCodePattern = /^\d{6}$/;

/** The 18th character for a 17-character prefix; throws when the prefix is not 17 alphabet characters. */
export const usccCheckCharacter = (first17: string): string => {
  if (!first17Pattern.test(first17)) {
    throw new RangeError(`USCC prefix must be 17 characters of ${usccAlphabet}: ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  usccWeights.forEach((weight, index) => {
    sum += usccAlphabet.indexOf(first17.charAt(index)) * weight;
  });
  return usccAlphabet.charAt((31 - (sum % 31)) % 31);
};

/** GB 11714 check character of an 8-character organization-code body (letters count as A=10 … Z=35). */
export const organizationCodeCheckCharacter = (body8: string): string => {
  if (!/^[0-9A-Z]{8}$/.test(body8)) {
    throw new RangeError(`organization code body must be 8 characters 0-9/A-Z: ${JSON.stringify(body8)}`);
  }
  let sum = 0;
  organizationCodeWeights.forEach((weight, index) => {
    sum += Number.parseInt(body8.charAt(index), 36) * weight;
  });
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
};

const hasValidOrganizationType = (value: string): boolean =>
  usccOrganizationTypes[value.charAt(0)]?.types[value.charAt(1)] !== undefined;

export const isValidUscc = (value: string): boolean => {
  if (!usccPattern.test(value)) return false;
  if (!hasValidOrganizationType(value)) return false;
  if (!divisionCodePattern.test(value.slice(2, 8))) return false;
  if (organizationCodeCheckCharacter(value.slice(8, 16)) !== value.charAt(16)) return false;
  return usccCheckCharacter(value.slice(0, 17)) === value.charAt(17);
};

/** Appends the check character; for demo data and tests, where the prefix is built by hand. */
export const makeUscc = (first17: string): string => first17 + usccCheckCharacter(first17);

/**
 * Builds a fully valid code from its parts, filling in both check characters — the organization-code one
 * and the final one — so demo data never has to compute them by hand.
 */
export const composeUscc = (parts: {
  authority: string;
  organizationType: string;
  divisionCode: string;
  organizationCodeBody: string;
}): string => {
  const { authority, organizationType, divisionCode, organizationCodeBody } = parts;
  return makeUscc(
    authority +
      organizationType +
      divisionCode +
      organizationCodeBody +
      organizationCodeCheckCharacter(organizationCodeBody),
  );
};

export const usccInvalidMessage = '统一社会信用代码无效 / Invalid unified social credit code';

export const usccSchema = z.string().refine(isValidUscc, { message: usccInvalidMessage });
export type Uscc = z.infer<typeof usccSchema>;

/** The registering authority's administrative division (GB/T 2260) — where the code was issued. */
export const usccDivisionCode = (uscc: string): string => uscc.slice(2, 8);
