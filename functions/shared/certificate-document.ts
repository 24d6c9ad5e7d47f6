import PDFDocument from 'pdfkit';
import type { Application, Certificate } from '../../domain/shared/application.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import type { LocalizedText, ProgramDefinition } from '../../domain/shared/program.ts';
import { certificateFontPath } from './certificate-fonts.ts';

/**
 * The downloadable certificate: one A4 landscape page, Chinese with an English line under each item, in
 * Noto Serif SC embedded as a subset (ADR 0003).
 */
export interface CertificateDocumentInput {
  application: Application;
  program: ProgramDefinition;
  /** The zone's city, e.g. { zh: '芜湖', en: 'Wuhu' }. */
  zoneName: LocalizedText;
  /** The application's district or county, e.g. { zh: '鸠江区', en: 'Jiujiang District' }. */
  districtName: LocalizedText;
}

export interface CertificateWording {
  title: LocalizedText;
  statement: LocalizedText;
  subjectLabel: LocalizedText;
  authority: LocalizedText;
}

const PROVINCE: LocalizedText = { zh: '安徽省', en: 'Anhui Provincial' };

/** Title, statement and issuing authority, by program and level (variant). */
export const certificateWording = ({
  application,
  program,
  zoneName,
}: Omit<CertificateDocumentInput, 'districtName'>): CertificateWording => {
  const zoneOffice: LocalizedText = {
    zh: `中国（${zoneName.zh}）跨境电子商务综合试验区建设工作领导小组办公室`,
    en: `Office of the Leading Group for China (${zoneName.en}) Cross-border E-commerce Comprehensive Pilot Zone`,
  };
  if (program.code === 'PARK_CERT') {
    const provincial = application.variant === 'PROVINCIAL';
    const level: LocalizedText = provincial
      ? PROVINCE
      : { zh: `${zoneName.zh}市`, en: `${zoneName.en} Municipal` };
    const kind = {
      zh: `${level.zh}跨境电子商务产业园`,
      en: `${level.en} Cross-border E-commerce Industrial Park`,
    };
    return {
      title: { zh: `${kind.zh}认定证书`, en: `Certificate of ${kind.en}` },
      statement: {
        zh: `经审核，下列园区符合认定条件，认定为${kind.zh}，特发此证。`,
        en: `Having been reviewed, the park below meets the criteria and is hereby certified as a ${kind.en}.`,
      },
      subjectLabel: { zh: '园区名称', en: 'Park' },
      // Provincial parks are certified by the province's commerce department, municipal ones by the zone.
      authority: provincial
        ? { zh: '安徽省商务厅', en: 'Department of Commerce of Anhui Province' }
        : zoneOffice,
    };
  }
  return {
    title: { zh: `${program.name.zh}证书`, en: `Certificate: ${program.name.en}` },
    statement: {
      zh: `经审核，下列事项符合${program.name.zh}条件，特发此证。`,
      en: `Having been reviewed, the matter below meets the conditions of ${program.name.en}.`,
    },
    subjectLabel: { zh: '事项名称', en: 'Subject' },
    authority: zoneOffice,
  };
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-11-27` → 2026年11月27日 / 27 November 2026. */
export const formatCertificateDate = (isoDate: string): LocalizedText => {
  const [year = '', month = '', day = ''] = isoDate.slice(0, 10).split('-');
  return {
    zh: `${Number(year)}年${Number(month)}月${Number(day)}日`,
    en: `${Number(day)} ${MONTHS[Number(month) - 1] ?? month} ${Number(year)}`,
  };
};

const operatorOf = (application: Application): string => {
  const declared = application.form.operatorName;
  return typeof declared === 'string' && declared.trim()
    ? declared
    : (application.orgName ?? application.orgId);
};

const validity = (certificate: Certificate): LocalizedText => {
  const from = formatCertificateDate(certificate.validFrom);
  const until = formatCertificateDate(certificate.validUntil);
  return { zh: `${from.zh}至${until.zh}`, en: `${from.en} to ${until.en}` };
};

// A4 landscape, in points.
const PAGE = { width: 841.89, height: 595.28 };
const RED = '#9f1d20';
const INK = '#1f1f1f';
const GREY = '#5f5f5f';
const LABEL_X = 120;
const VALUE_X = 250;
const VALUE_WIDTH = PAGE.width - VALUE_X - 110;

const collect = (doc: PDFKit.PDFDocument): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

/** Renders the certificate of an application that has one; throws when it has none. */
export const renderCertificatePdf = async (input: CertificateDocumentInput): Promise<Uint8Array> => {
  const { application, districtName, zoneName } = input;
  const { certificate } = application;
  if (!certificate) throw new Error(`Application ${application.id} has no certificate`);
  const wording = certificateWording(input);
  const regular = certificateFontPath('regular');
  const bold = certificateFontPath('bold');
  const issued = formatCertificateDate(chinaDate(new Date(certificate.issuedAt)));
  const issuedAt = new Date(certificate.issuedAt);

  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    // A font of our own from the start: pdfkit's default Helvetica is loaded from files a bundle lacks.
    font: regular,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${wording.title.zh} ${certificate.number}`,
      Subject: `${wording.title.en} ${certificate.number}`,
      Keywords: certificate.number,
      Author: wording.authority.zh,
      Creator: '跨境电商综试区业务协同平台 / Pilot-zone workflow platform',
      // The issue time, not the download time: the same certificate renders to the same document.
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  const output = collect(doc);

  // Frame: a heavy outer rule and a fine inner one.
  doc
    .lineWidth(3)
    .strokeColor(RED)
    .rect(24, 24, PAGE.width - 48, PAGE.height - 48)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(33, 33, PAGE.width - 66, PAGE.height - 66)
    .stroke();

  doc
    .font(bold)
    .fontSize(30)
    .fillColor(RED)
    .text(wording.title.zh, 0, 62, { align: 'center', width: PAGE.width, characterSpacing: 3 });
  doc
    .font(regular)
    .fontSize(12)
    .fillColor(GREY)
    .text(wording.title.en, 0, doc.y + 2, { align: 'center', width: PAGE.width });
  doc
    .moveTo(PAGE.width / 2 - 160, doc.y + 10)
    .lineTo(PAGE.width / 2 + 160, doc.y + 10)
    .lineWidth(0.8)
    .strokeColor(RED)
    .stroke();

  doc
    .font(regular)
    .fontSize(13)
    .fillColor(INK)
    .text(wording.statement.zh, LABEL_X, doc.y + 22, { width: PAGE.width - 2 * LABEL_X });
  doc
    .fontSize(8.5)
    .fillColor(GREY)
    .text(wording.statement.en, LABEL_X, doc.y + 1, { width: PAGE.width - 2 * LABEL_X });

  const rows: { label: LocalizedText; value: LocalizedText | string }[] = [
    { label: wording.subjectLabel, value: application.title },
    { label: { zh: '运营主体', en: 'Operator' }, value: operatorOf(application) },
    {
      label: { zh: '所在地区', en: 'Location' },
      value: { zh: `${zoneName.zh}市${districtName.zh}`, en: `${districtName.en}, ${zoneName.en}` },
    },
    { label: { zh: '证书编号', en: 'Certificate No.' }, value: certificate.number },
    { label: { zh: '有效期限', en: 'Period of validity' }, value: validity(certificate) },
  ];
  let y = doc.y + 18;
  for (const { label, value } of rows) {
    doc
      .font(bold)
      .fontSize(14)
      .fillColor(INK)
      .text(label.zh, LABEL_X, y + 1, { width: VALUE_X - LABEL_X - 10 });
    doc
      .font(regular)
      .fontSize(9)
      .fillColor(GREY)
      .text(label.en, LABEL_X, doc.y + 1);
    const labelBottom = doc.y;
    const main = typeof value === 'string' ? value : value.zh;
    // Long names shrink (down to 9 pt, enough for the forms' 100 characters) to stay within two lines.
    let size = 16;
    doc.font(regular);
    while (
      size > 9 &&
      doc.fontSize(size).heightOfString(main, { width: VALUE_WIDTH }) > doc.currentLineHeight(true) * 2 + 1
    ) {
      size -= 1;
    }
    doc.fontSize(size).fillColor(INK).text(main, VALUE_X, y, { width: VALUE_WIDTH });
    if (typeof value !== 'string') {
      doc
        .fontSize(10)
        .fillColor(GREY)
        .text(value.en, VALUE_X, doc.y + 1, { width: VALUE_WIDTH });
    }
    y = Math.max(labelBottom, doc.y) + 10;
  }

  // Issuing authority and date, bottom right.
  const blockWidth = 560;
  const blockX = PAGE.width - 70 - blockWidth;
  const lines: { text: string; size: number; weight: 'regular' | 'bold'; color: string; gap: number }[] = [
    { text: wording.authority.zh, size: 14, weight: 'bold', color: INK, gap: 0 },
    { text: wording.authority.en, size: 8.5, weight: 'regular', color: GREY, gap: 2 },
    { text: issued.zh, size: 13, weight: 'regular', color: INK, gap: 6 },
    { text: issued.en, size: 9, weight: 'regular', color: GREY, gap: 1 },
  ];
  const height = lines.reduce(
    (sum, line) =>
      sum +
      line.gap +
      doc
        .font(line.weight === 'bold' ? bold : regular)
        .fontSize(line.size)
        .heightOfString(line.text, { width: blockWidth }),
    0,
  );
  let blockY = Math.max(y + 4, PAGE.height - 50 - height);
  for (const line of lines) {
    doc
      .font(line.weight === 'bold' ? bold : regular)
      .fontSize(line.size)
      .fillColor(line.color)
      .text(line.text, blockX, blockY + line.gap, { width: blockWidth, align: 'right' });
    blockY = doc.y;
  }

  doc.end();
  return output;
};
