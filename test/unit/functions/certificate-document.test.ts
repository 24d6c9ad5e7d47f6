import { describe, expect, it } from 'vitest';
import { parkCertificationProgram } from '../../../domain/park/program.ts';
import type { Application } from '../../../domain/shared/application.ts';
import type { ProgramDefinition } from '../../../domain/shared/program.ts';
import {
  certificateWording,
  formatCertificateDate,
  renderCertificatePdf,
} from '../../../functions/shared/certificate-document.ts';
import { infoEntry, pageCount } from '../../pdf-info.ts';

const program = parkCertificationProgram as ProgramDefinition;
const wuhu = { zh: '芜湖', en: 'Wuhu' };
const anqing = { zh: '安庆', en: 'Anqing' };
const jiujiang = { zh: '鸠江区', en: 'Jiujiang District' };

const application = (overrides: Partial<Application> = {}): Application => ({
  id: 'app-00000001',
  program: 'PARK_CERT',
  variant: 'MUNICIPAL',
  title: '鸠江区跨境电子商务产业园区',
  orgId: 'org-park-wuhu',
  orgName: '芜湖鸠江跨境电商园区运营有限公司',
  applicantId: 'user-1',
  zone: 'wuhu',
  district: 'jiujiang',
  status: 'APPROVED',
  form: { operatorName: '芜湖鸠江跨境电商产业园运营管理有限公司' },
  revision: 0,
  version: 4,
  certificate: {
    number: 'WH-PARK-M-2026-0007',
    sequence: 7,
    issuedAt: '2026-11-27T02:30:00.000Z',
    validFrom: '2026-11-27',
    validUntil: '2029-11-26',
  },
  createdAt: '2026-11-20T02:00:00.000Z',
  updatedAt: '2026-11-27T02:30:00.000Z',
  ...overrides,
});

describe('certificate wording', () => {
  it('names the city and the zone office for municipal parks', () => {
    const wording = certificateWording({ application: application(), program, zoneName: wuhu });
    expect(wording.title).toEqual({
      zh: '芜湖市跨境电子商务产业园认定证书',
      en: 'Certificate of Wuhu Municipal Cross-border E-commerce Industrial Park',
    });
    expect(wording.authority.zh).toBe('中国（芜湖）跨境电子商务综合试验区建设工作领导小组办公室');
    expect(
      certificateWording({ application: application({ zone: 'anqing' }), program, zoneName: anqing }).title
        .zh,
    ).toBe('安庆市跨境电子商务产业园认定证书');
  });

  it('names the province for provincial parks', () => {
    const wording = certificateWording({
      application: application({ variant: 'PROVINCIAL' }),
      program,
      zoneName: wuhu,
    });
    expect(wording.title.zh).toBe('安徽省跨境电子商务产业园认定证书');
    expect(wording.title.en).toBe('Certificate of Anhui Provincial Cross-border E-commerce Industrial Park');
    expect(wording.authority.zh).toBe('安徽省商务厅');
  });

  it('formats dates the Chinese and the English way', () => {
    expect(formatCertificateDate('2026-11-27')).toEqual({ zh: '2026年11月27日', en: '27 November 2026' });
    expect(formatCertificateDate('2029-01-05')).toEqual({ zh: '2029年1月5日', en: '5 January 2029' });
  });
});

describe('renderCertificatePdf', () => {
  it('renders one A4 landscape page with the number in the metadata and embedded font subsets', async () => {
    const bytes = await renderCertificatePdf({
      application: application(),
      program,
      zoneName: wuhu,
      districtName: jiujiang,
    });
    const pdf = Buffer.from(bytes).toString('latin1');
    expect(pdf.startsWith('%PDF-1.7')).toBe(true);
    expect(pageCount(pdf)).toBe(1);
    expect(infoEntry(pdf, 'Title')).toBe('芜湖市跨境电子商务产业园认定证书 WH-PARK-M-2026-0007');
    expect(infoEntry(pdf, 'Keywords')).toBe('WH-PARK-M-2026-0007');
    expect(infoEntry(pdf, 'Author')).toBe('中国（芜湖）跨境电子商务综合试验区建设工作领导小组办公室');
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifSC-Regular/);
    // Subsets keep the document small although each font file is about 15 MB.
    expect(bytes.length).toBeLessThan(100_000);
  });

  it('keeps the longest names the form allows on the one page', async () => {
    const longest = '芜湖市鸠江区长江路跨境电子商务产业园暨皖江国际数字贸易服务中心综合服务园区运营'.padEnd(
      100,
      '园',
    );
    const bytes = await renderCertificatePdf({
      application: application({ title: longest, form: { operatorName: longest } }),
      program,
      zoneName: wuhu,
      districtName: jiujiang,
    });
    expect(pageCount(Buffer.from(bytes).toString('latin1'))).toBe(1);
  });

  it('refuses an application without a certificate', async () => {
    await expect(
      renderCertificatePdf({
        application: application({ certificate: undefined }),
        program,
        zoneName: wuhu,
        districtName: jiujiang,
      }),
    ).rejects.toThrow(/has no certificate/);
  });
});
