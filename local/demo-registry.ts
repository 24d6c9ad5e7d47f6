import type { PutEnterpriseBody } from '../domain/registry/enterprise.ts';
import { composeUscc } from '../domain/shared/uscc.ts';
import type { PutPolicyBody } from '../domain/subsidy/policy.ts';
import { ApiClient } from './api-client.ts';
import { chinaYear } from './china-today.ts';
import { findDemoUser } from './demo-users.ts';

/**
 * The registries the demo and the SUBSIDY tests start from: a few enterprises (the `enterprise.wuhu`
 * account's among them) and the policies of the current year (China date, so they are open on any day
 * and their codes name that year), named after the support the Wuhu and Anqing plans promise
 * (海外仓建设、租赁及运营, 参加国内外重点展会, 品牌建设, 跨境电子商务平台). Amounts are whole yuan.
 */

/** The year of the demo policies and zone caps: the current one when this module is loaded. */
export const demoPolicyYear = chinaYear();
const year = demoPolicyYear;

const enterpriseWuhuUscc = findDemoUser('enterprise.wuhu')?.orgId;
if (enterpriseWuhuUscc === undefined) throw new Error('demo user enterprise.wuhu has no orgId');

export const demoEnterprises: readonly (Omit<PutEnterpriseBody, 'version'> & { uscc: string })[] = [
  {
    uscc: enterpriseWuhuUscc,
    name: { zh: '芜湖示例跨境贸易有限公司', en: 'Wuhu Demo Cross-border Trading Co., Ltd.' },
    zone: 'wuhu',
    district: 'jiujiang',
    registeredInZone: true,
    contacts: [{ name: '刘经理', phone: '13855300001', email: 'liu@example.com' }],
  },
  {
    uscc: composeUscc({
      authority: '9',
      organizationType: '1',
      divisionCode: '340203',
      organizationCodeBody: 'MA2N4ENT',
    }),
    name: { zh: '芜湖弋江跨境供应链管理有限公司', en: 'Wuhu Yijiang Cross-border Supply Chain Co., Ltd.' },
    zone: 'wuhu',
    district: 'yijiang',
    registeredInZone: true,
    contacts: [
      { name: '陈主管', phone: '0553-5881234' },
      { name: '黄会计', phone: '13955300002', email: 'finance@example.com' },
    ],
  },
  {
    uscc: composeUscc({
      authority: '9',
      organizationType: '1',
      divisionCode: '340800',
      organizationCodeBody: 'MA2N5ENT',
    }),
    name: {
      zh: '安庆皖西南跨境电子商务有限公司',
      en: 'Anqing Southwest Anhui Cross-border E-commerce Co., Ltd.',
    },
    zone: 'anqing',
    district: 'anqing_etdz',
    registeredInZone: true,
    contacts: [{ name: '王经理', phone: '13655600003' }],
  },
];

const businessLicense = { code: 'BUSINESS_LICENSE', name: { zh: '营业执照', en: 'Business licence' } };
const invoices = { code: 'INVOICES', name: { zh: '费用发票', en: 'Invoices for the costs claimed' } };
const paymentProof = { code: 'PAYMENT_PROOF', name: { zh: '付款凭证', en: 'Proof of payment' } };
const wholeYear = { openDate: `${year}-01-01`, closeDate: `${year}-12-31` };

export const demoPolicies: readonly (Omit<PutPolicyBody, 'version'> & { code: string })[] = [
  {
    code: `WH-${year}-OW-01`,
    name: {
      zh: '海外仓建设、租赁及运营补贴',
      en: 'Support for building, leasing and operating overseas warehouses',
    },
    zone: 'wuhu',
    year,
    category: 'OVERSEAS_WAREHOUSE',
    subsidyRate: 0.3,
    perClaimCapCny: 500_000,
    perEnterpriseAnnualCapCny: 1_000_000,
    totalBudgetCny: 10_000_000,
    requiredDocuments: [
      businessLicense,
      {
        code: 'WAREHOUSE_CONTRACT',
        name: { zh: '海外仓建设或租赁合同', en: 'Warehouse build or lease contract' },
      },
      invoices,
      paymentProof,
    ],
    ...wholeYear,
    overdraftPolicy: 'QUEUE',
    status: 'PUBLISHED',
  },
  {
    code: `WH-${year}-EX-01`,
    name: {
      zh: '参加国内外重点跨境电商展会补贴',
      en: 'Support for exhibiting at major cross-border e-commerce fairs at home and abroad',
    },
    zone: 'wuhu',
    year,
    category: 'EXHIBITION',
    subsidyRate: 0.5,
    perClaimCapCny: 100_000,
    perEnterpriseAnnualCapCny: 200_000,
    totalBudgetCny: 3_000_000,
    requiredDocuments: [
      businessLicense,
      { code: 'EXHIBITOR_CONFIRMATION', name: { zh: '参展确认函', en: 'Exhibitor confirmation' } },
      invoices,
    ],
    ...wholeYear,
    overdraftPolicy: 'REFUSE',
    status: 'PUBLISHED',
  },
  {
    code: `WH-${year}-BP-01`,
    name: { zh: '跨境电商自主品牌培育推广补贴', en: 'Support for promoting own cross-border brands' },
    zone: 'wuhu',
    year,
    category: 'BRAND_PROMOTION',
    subsidyRate: 0.4,
    perClaimCapCny: 200_000,
    perEnterpriseAnnualCapCny: 400_000,
    totalBudgetCny: 4_000_000,
    requiredDocuments: [businessLicense, invoices, paymentProof],
    ...wholeYear,
    overdraftPolicy: 'REFUSE',
    status: 'PUBLISHED',
  },
  {
    code: `AQ-${year}-PF-01`,
    name: {
      zh: '跨境电子商务平台入驻及推广费用补贴',
      en: 'Support for cross-border e-commerce platform fees',
    },
    zone: 'anqing',
    year,
    category: 'PLATFORM_FEE',
    subsidyRate: 0.5,
    perClaimCapCny: 50_000,
    perEnterpriseAnnualCapCny: 100_000,
    totalBudgetCny: 2_000_000,
    requiredDocuments: [
      businessLicense,
      { code: 'PLATFORM_CONTRACT', name: { zh: '平台入驻协议', en: 'Platform agreement' } },
      invoices,
    ],
    ...wholeYear,
    overdraftPolicy: 'QUEUE',
    status: 'PUBLISHED',
  },
];

/** Zone-wide cap per enterprise across all policies of the year. */
export const demoPolicyCaps: readonly { zone: string; year: number; perEnterpriseAnnualCapCny: number }[] = [
  { zone: 'wuhu', year, perEnterpriseAnnualCapCny: 1_500_000 },
  { zone: 'anqing', year, perEnterpriseAnnualCapCny: 800_000 },
];

const put = async (admin: ApiClient, path: string, body: unknown) => {
  const { status, body: reply } = await admin.put<{ error?: { code?: string } }>(path, body);
  // Loading twice is harmless: what exists already is left as it is.
  if (status === 409 && reply.error?.code === 'ALREADY_EXISTS') return;
  if (status !== 201 && status !== 200) {
    throw new Error(`Loading ${path} failed with ${status}: ${JSON.stringify(reply)}`);
  }
};

/** Creates the demo enterprises, policies and zone caps through the API, as `admin`. */
export const loadDemoRegistry = async (apiUrl: string): Promise<void> => {
  const admin = await ApiClient.login(apiUrl, 'admin');
  for (const { uscc, ...enterprise } of demoEnterprises) await put(admin, `/enterprises/${uscc}`, enterprise);
  for (const { code, ...policy } of demoPolicies) await put(admin, `/policies/${code}`, policy);
  for (const { zone, year, perEnterpriseAnnualCapCny } of demoPolicyCaps) {
    await put(admin, `/policy-caps/${zone}/${year}`, { perEnterpriseAnnualCapCny });
  }
};
