import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeUscc } from '../../domain/shared/uscc.ts';
import { type ApiClient, snapshotTable, withLocalCloud } from './local-cloud.ts';

const local = withLocalCloud();

let admin: ApiClient;
let office: ApiClient;
let municipal: ApiClient;
let enterprise: ApiClient;

beforeAll(async () => {
  [admin, office, municipal, enterprise] = await Promise.all([
    local.login('admin'),
    local.login('office.wuhu'),
    local.login('municipal.wuhu'),
    local.login('enterprise.wuhu'),
  ]);
});

const uscc = (body: string) =>
  composeUscc({ authority: '9', organizationType: '1', divisionCode: '340200', organizationCodeBody: body });

type Row = (string | Date | undefined)[];

const xlsx = async (header: string[], rows: Row[]): Promise<string> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
};

const chineseHeader = ['统一社会信用代码', '企业名称', '原因', '来源', '开始日期', '结束日期'];
const englishHeader = ['uscc', 'enterpriseName', 'reason', 'source', 'startDate', 'endDate'];

interface ImportReply {
  import: { id: string; status: string; rowCount: number; zone: string; list: string };
  report: { accepted: number[]; refused: unknown[] };
}
interface CreditView {
  status: string;
  deciding: { list: string; uscc: string }[];
  entries: { list: string; uscc: string; importId?: string }[];
}
interface RefusalReply {
  error: {
    code: string;
    message: string;
    details: {
      accepted: number[];
      refused: {
        row: number;
        errors: { field: string; code: string; message: { zh: string; en: string } }[];
      }[];
    };
  };
}

const tableName = () => local.cloud.tableName;

describe('credit-list imports', () => {
  it('imports an .xlsx file of good rows; the entries are visible and decide the status', async () => {
    const blacklisted = [uscc('MA2NB001'), uscc('MA2NB002'), uscc('MA2NB003')];
    const contentBase64 = await xlsx(chineseHeader, [
      [
        blacklisted[0],
        '芜湖失信示例贸易有限公司',
        '虚假申报骗取补贴',
        '商务局',
        new Date(Date.UTC(2025, 0, 1)),
        undefined,
      ],
      [blacklisted[1], '芜湖失信示例物流有限公司', '走私', '海关', '2025-06-01', '2099-12-31'],
      [blacklisted[2], '芜湖过期示例有限公司', '已移出', '市场监管局', '2020-01-01', '2021-01-01'],
    ]);
    const reply = await office.post<ImportReply>('/credit-lists/imports', {
      list: 'BLACKLIST',
      fileName: '黑名单.xlsx',
      contentBase64,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.report).toEqual({ accepted: [2, 3, 4], refused: [] });
    expect(reply.body.import).toMatchObject({
      status: 'COMPLETE',
      rowCount: 3,
      zone: 'wuhu',
      list: 'BLACKLIST',
    });

    const first = await municipal.get<CreditView>(`/enterprises/${blacklisted[0]}/credit`);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('BLACKLISTED');
    expect(first.body.deciding).toHaveLength(1);
    // An entry that ended in 2021 is listed but does not count.
    const expired = await admin.get<CreditView>(`/enterprises/${blacklisted[2]}/credit`);
    expect(expired.body.entries).toHaveLength(1);
    expect(expired.body.status).toBe('NONE');

    const listing = await office.get<{ items: { uscc: string }[] }>('/credit-lists/BLACKLIST');
    expect(listing.body.items.map((item) => item.uscc)).toEqual(expect.arrayContaining(blacklisted));

    const stored = await office.get<ImportReply>(`/credit-lists/imports/${reply.body.import.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body.report.accepted).toEqual([2, 3, 4]);
  });

  it('refuses a file with any bad row: 422 with the per-row report in Chinese and English, nothing written', async () => {
    const good = uscc('MA2NA001');
    const contentBase64 = await xlsx(englishHeader, [
      [good, '芜湖异常示例有限公司', '通过登记的住所无法联系', '市场监管局', '2026-02-01', undefined],
      ['91340200MA2NA00XXX', '校验位错误公司', '原因', '市场监管局', '2026-02-01', undefined],
      [good, '重复公司', '原因', '市场监管局', '2026-02-01', undefined],
      [uscc('MA2NA004'), '', '原因', '', '2026-02-30', undefined],
      [uscc('MA2NA005'), '日期颠倒公司', '原因', '海关', '2026-05-01', '2026-04-01'],
    ]);
    const before = await snapshotTable(local.documents, tableName());
    const reply = await office.post<RefusalReply>('/credit-lists/imports', {
      list: 'ABNORMAL',
      fileName: 'abnormal.xlsx',
      contentBase64,
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('IMPORT_ROWS_REFUSED');
    const { accepted, refused } = reply.body.error.details;
    expect(accepted).toEqual([2]);
    expect(refused.map((row) => row.row)).toEqual([3, 4, 5, 6]);
    const codes = (row: number) =>
      refused.find((r) => r.row === row)?.errors.map((e) => `${e.field}:${e.code}`);
    expect(codes(3)).toEqual(['uscc:INVALID_USCC']);
    expect(codes(4)).toEqual(['uscc:DUPLICATE_IN_FILE']);
    expect(codes(5)).toEqual(['enterpriseName:REQUIRED', 'source:REQUIRED', 'startDate:INVALID_DATE']);
    expect(codes(6)).toEqual(['endDate:END_BEFORE_START']);
    for (const row of refused) {
      for (const error of row.errors) {
        expect(error.message.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(error.message.en).toMatch(/[a-z]/);
      }
    }
    expect(refused.find((r) => r.row === 4)?.errors[0]?.message).toEqual({
      zh: '统一社会信用代码与第 2 行重复',
      en: 'The same unified social credit code is on row 2',
    });
    expect(await snapshotTable(local.documents, tableName())).toEqual(before);
    expect((await admin.get<CreditView>(`/enterprises/${good}/credit`)).body.entries).toEqual([]);
  });

  it('imports a CSV file (UTF-8 with BOM, Chinese header) for another zone as admin', async () => {
    const contentBase64 = readFileSync(
      new URL('./fixtures/credit-whitelist-anqing.csv', import.meta.url),
    ).toString('base64');
    const reply = await admin.post<ImportReply>('/credit-lists/imports', {
      list: 'WHITELIST',
      zone: 'anqing',
      fileName: 'credit-whitelist-anqing.csv',
      contentBase64,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.report.accepted).toEqual([2, 3]);
    const view = await admin.get<CreditView & { entries: { startDate: string; endDate?: string }[] }>(
      '/enterprises/91340800MA2NW0022T/credit',
    );
    expect(view.body.status).toBe('WHITELISTED');
    expect(view.body.entries[0]).toMatchObject({
      startDate: '2026-03-01',
      endDate: '2099-12-31',
      zone: 'anqing',
    });
    // The Wuhu office neither reads nor maintains Anqing's lists.
    expect((await office.get('/credit-lists/WHITELIST?zone=anqing')).status).toBe(403);
    expect((await office.get(`/credit-lists/imports/${reply.body.import.id}`)).status).toBe(403);
  });

  it('treats the same file sent twice as one import', async () => {
    const code = uscc('MA2ND001');
    const contentBase64 = await xlsx(chineseHeader, [
      [code, '芜湖重复导入示例有限公司', '抽查未通过', '市场监管局', '2026-01-05', undefined],
    ]);
    const body = { list: 'ABNORMAL', fileName: 'again.xlsx', contentBase64 };
    const first = await office.post<ImportReply>('/credit-lists/imports', body);
    expect(first.status).toBe(201);
    const before = await snapshotTable(local.documents, tableName());
    const second = await office.post<ImportReply>('/credit-lists/imports', {
      ...body,
      fileName: 'again-renamed.xlsx',
    });
    expect(second.status).toBe(200);
    expect(second.body.import.id).toBe(first.body.import.id);
    expect(await snapshotTable(local.documents, tableName())).toEqual(before);
    const view = await admin.get<CreditView>(`/enterprises/${code}/credit`);
    expect(view.body.entries).toHaveLength(1);
    expect(view.body.status).toBe('ABNORMAL');
  });

  it('refuses the office of another zone, and other roles', async () => {
    const contentBase64 = await xlsx(chineseHeader, [
      [uscc('MA2NE001'), '某公司', '原因', '商务局', '2026-01-01', undefined],
    ]);
    const before = await snapshotTable(local.documents, tableName());
    const otherZone = await office.post<RefusalReply>('/credit-lists/imports', {
      list: 'BLACKLIST',
      zone: 'anqing',
      fileName: 'x.xlsx',
      contentBase64,
    });
    expect(otherZone.status).toBe(403);
    expect(otherZone.body.error.code).toBe('FORBIDDEN');
    const reviewer = await municipal.post('/credit-lists/imports', {
      list: 'BLACKLIST',
      fileName: 'x.xlsx',
      contentBase64,
    });
    expect(reviewer.status).toBe(403);
    const put = await office.put(`/credit-lists/BLACKLIST/${uscc('MA2NE001')}`, {
      enterpriseName: '某公司',
      zone: 'anqing',
      reason: '原因',
      source: '商务局',
      startDate: '2026-01-01',
    });
    expect(put.status).toBe(403);
    expect((await enterprise.get(`/enterprises/${uscc('MA2NE001')}/credit`)).status).toBe(403);
    expect(await snapshotTable(local.documents, tableName())).toEqual(before);
  });

  it('refuses a body over the 64 KB limit with 413 and says so', async () => {
    const reply = await office.post<RefusalReply>('/credit-lists/imports', {
      list: 'BLACKLIST',
      fileName: 'big.csv',
      contentBase64: Buffer.alloc(70 * 1024, 'a').toString('base64'),
    });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(reply.body.error.message).toContain('65536');
  });

  it('refuses a file without the required columns', async () => {
    const contentBase64 = Buffer.from('名称,原因\n某公司,原因\n').toString('base64');
    const reply = await office.post<RefusalReply>('/credit-lists/imports', {
      list: 'BLACKLIST',
      fileName: 'x.csv',
      contentBase64,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('IMPORT_HEADER_INVALID');
  });
});

describe('single entries and status precedence', () => {
  it('puts entries one at a time; an enterprise on both the whitelist and the blacklist is BLACKLISTED', async () => {
    const code = uscc('MA2NP001');
    const entry = {
      enterpriseName: '芜湖双重名单示例有限公司',
      zone: 'wuhu',
      reason: '纳税信用A级',
      source: '商务局',
      startDate: '2025-01-01',
    };
    const white = await office.put<{ entry: { list: string; addedBy: string } }>(
      `/credit-lists/WHITELIST/${code}`,
      entry,
    );
    expect(white.status, JSON.stringify(white.body)).toBe(200);
    expect(white.body.entry.list).toBe('WHITELIST');
    expect((await municipal.get<CreditView>(`/enterprises/${code}/credit`)).body.status).toBe('WHITELISTED');

    const black = await admin.put(`/credit-lists/BLACKLIST/${code}`, {
      ...entry,
      reason: '骗取补贴',
      source: '市场监管局',
    });
    expect(black.status).toBe(200);
    const view = await municipal.get<CreditView>(`/enterprises/${code}/credit`);
    expect(view.body.status).toBe('BLACKLISTED');
    expect(view.body.deciding.map((item) => item.list)).toEqual(['BLACKLIST']);
    expect(view.body.entries).toHaveLength(2);

    const bad = await office.put(`/credit-lists/BLACKLIST/${code}`, {
      ...entry,
      startDate: '2026-05-01',
      endDate: '2026-04-01',
    });
    expect(bad.status).toBe(400);
  });
});
