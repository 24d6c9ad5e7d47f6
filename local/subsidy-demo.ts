import type { PutEnterpriseBody } from '../domain/registry/enterprise.ts';
import { composeUscc } from '../domain/shared/uscc.ts';
import type { SubsidyClaimForm } from '../domain/subsidy/claim.ts';
import type { ApiClient } from './api-client.ts';
import { chinaDay } from './china-today.ts';
import { demoPolicies, demoPolicyYear } from './demo-registry.ts';
import type { DemoUser } from './demo-users.ts';
import { uploadSamplePdfs } from './sample-files.ts';

/** Shared by the demo seed, the SUBSIDY tests and the benchmark. */

/** Uploads a sample PDF for every document the demo policy requires; the claim's attachments. */
export const uploadRequiredDocuments = async (
  client: ApiClient,
  policyCode: string = demoClaimPolicyCode,
): Promise<SubsidyClaimForm['attachments']> => {
  const documents = demoPolicies.find((candidate) => candidate.code === policyCode)?.requiredDocuments ?? [];
  const uploaded = await uploadSamplePdfs(
    client,
    documents.map((document) => `${document.code.toLowerCase()}.pdf`),
  );
  return documents.map((document, index) => ({
    documentCode: document.code,
    ...(uploaded[index] as (typeof uploaded)[number]),
  }));
};

/** The policy sample claims go under by default: Wuhu's overseas-warehouse support of the demo year. */
export const demoClaimPolicyCode = `WH-${demoPolicyYear}-OW-01`;

/** An invoice date of the current year that is not in the future: 15 June, or today before then. */
export const demoInvoiceDate = (): string => {
  const today = chinaDay();
  const midJune = `${today.slice(0, 4)}-06-15`;
  return today < midJune ? today : midJune;
};

/** A VAT invoice with a 10-digit code and an 8-digit number derived from `serial`. */
export const demoInvoice = (serial: number, amountCny: number, date = demoInvoiceDate()) => ({
  code: '3400261130',
  number: String(serial).padStart(8, '0'),
  date,
  amountCny,
  description: '海外仓租赁及运营服务费',
});

/** A claim under `policyCode` for the invoices given (or one invoice of `amountCny`), without its files. */
export const sampleSubsidyForm = (
  options: {
    policyCode?: string;
    invoiceSerials?: number[];
    invoiceAmountCny?: number;
    requestedAmountCny?: number;
  } = {},
): Omit<SubsidyClaimForm, 'attachments'> => {
  const policyCode = options.policyCode ?? demoClaimPolicyCode;
  const serials = options.invoiceSerials ?? [Math.floor(Math.random() * 90_000_000) + 10_000_000];
  const invoiceAmountCny = options.invoiceAmountCny ?? 100_000;
  return {
    policyCode,
    invoices: serials.map((serial) => demoInvoice(serial, invoiceAmountCny)),
    requestedAmountCny:
      options.requestedAmountCny ?? Math.max(1, Math.floor(serials.length * invoiceAmountCny * 0.3)),
    description: `${demoPolicyYear} 年海外仓租赁费用补贴申报`,
  };
};

/** Extra Wuhu enterprises (and their signed-in users) for tests and benchmarks that need many claimants. */
export const generatedEnterprise = (
  index: number,
): { user: DemoUser; body: Omit<PutEnterpriseBody, 'version'> } => {
  const uscc = composeUscc({
    authority: '9',
    organizationType: '1',
    divisionCode: '340207',
    organizationCodeBody: `MA3${String(index).padStart(5, '0')}`,
  });
  const name = `芜湖测试跨境企业${index}号有限公司`;
  return {
    user: {
      username: `enterprise.generated.${index}`,
      name,
      role: 'enterprise',
      zone: 'wuhu',
      district: 'jiujiang',
      orgId: uscc,
      orgName: name,
    },
    body: {
      name: { zh: name, en: `Wuhu Test Cross-border Enterprise No. ${index}` },
      zone: 'wuhu',
      district: 'jiujiang',
      registeredInZone: true,
      contacts: [{ name: '测试联系人', phone: '13800000000' }],
    },
  };
};
