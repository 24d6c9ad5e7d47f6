import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { infoEntry, pageCount } from '../pdf-info.ts';
import {
  type ApplicationView,
  submitPark,
  waitForStatus,
  waitForTask,
  withLocalCloud,
} from './local-cloud.ts';

const local = withLocalCloud();

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** The API client reads bodies as text; a PDF needs the raw bytes. */
const download = async (username: string, id: string, language?: string): Promise<Download> => {
  const login = await fetch(`${local.cloud.apiUrl}/local/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  const { idToken } = (await login.json()) as { idToken: string };
  const response = await fetch(`${local.cloud.apiUrl}/applications/${id}/certificate`, {
    headers: { authorization: `Bearer ${idToken}`, ...(language ? { 'accept-language': language } : {}) },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
};

const errorOf = (reply: Download) =>
  (JSON.parse(reply.bytes.toString('utf8')) as { error: { code: string; message: string } }).error;

describe('certificate document', () => {
  let certified: ApplicationView & { certificate: NonNullable<ApplicationView['certificate']> };

  it('is refused with 409 NO_CERTIFICATE until the application is certified', async () => {
    const park = await local.login('park.wuhu');
    const submitted = await submitPark(park, { parkName: '证书下载测试园区' });

    const early = await download('park.wuhu', submitted.id);
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toMatch(/^application\/json/);
    expect(errorOf(early)).toMatchObject({ code: 'NO_CERTIFICATE', message: '该申请尚未颁发证书' });
    const inEnglish = await download('park.wuhu', submitted.id, 'en');
    expect(errorOf(inEnglish).message).toBe('No certificate has been issued for this application');

    // The review stages are the park-cert tests' subject (and grow with the workflow); here the
    // application gets its certificate from the step the workflow ends with, run by the local cloud.
    await waitForTask(await local.login('district.jiujiang'), submitted.id, 'DISTRICT_REVIEW');
    const { body } = await park.get<{ application: ApplicationView }>(`/applications/${submitted.id}`);
    await local.cloud.runtime.invoke('steps/issue-certificate', {
      applicationId: submitted.id,
      executionArn: body.application.executionArn,
    });
    const approved = await waitForStatus(park, submitted.id, 'APPROVED');
    if (!approved.certificate) throw new Error('certified without a certificate');
    certified = { ...approved, certificate: approved.certificate };
  });

  it('restores a missing register entry when the issuing step is retried after storing the certificate', async () => {
    const key = { pk: `CERT#${certified.certificate.number}`, sk: 'CERT' };
    await local.documents.send(new DeleteCommand({ TableName: local.cloud.tableName, Key: key }));
    await local.cloud.runtime.invoke('steps/issue-certificate', {
      applicationId: certified.id,
      executionArn: certified.executionArn,
    });
    const { Item } = await local.documents.send(
      new GetCommand({ TableName: local.cloud.tableName, Key: key }),
    );
    expect(Item).toMatchObject({ applicationId: certified.id, validUntil: certified.certificate.validUntil });
  });

  it('downloads the certificate as an A4 PDF carrying its number', async () => {
    const { number } = certified.certificate;
    const reply = await download('park.wuhu', certified.id);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/pdf');
    expect(reply.headers.get('content-disposition')).toBe(`attachment; filename="${number}.pdf"`);
    expect(reply.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(reply.bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(reply.bytes.length).toBeLessThan(200_000);

    const pdf = reply.bytes.toString('latin1');
    expect(infoEntry(pdf, 'Keywords')).toBe(number);
    expect(infoEntry(pdf, 'Title')).toBe(`芜湖市跨境电子商务产业园认定证书 ${number}`);
    expect(infoEntry(pdf, 'Subject')).toContain(number);
    // One landscape A4 page, with the Chinese typeface embedded as subsets (tag + name).
    expect(pageCount(pdf)).toBe(1);
    expect(pdf).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifSC-Regular/);
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifSC-Bold/);

    // The same certificate renders to the same document.
    const again = await download('park.wuhu', certified.id);
    expect(again.bytes.equals(reply.bytes)).toBe(true);
  });

  it('is visible to reviewers in scope and hidden (404) from everyone else', async () => {
    expect((await download('district.jiujiang', certified.id)).status).toBe(200);
    expect((await download('municipal.wuhu', certified.id)).status).toBe(200);
    for (const outsider of ['park.jinghu', 'park.anqing', 'district.jinghu', 'municipal.anqing']) {
      const reply = await download(outsider, certified.id);
      expect(reply.status, outsider).toBe(404);
      expect(errorOf(reply).code).toBe('NOT_FOUND');
    }
    const missing = await download('park.wuhu', 'does-not-exist-0000');
    expect(missing.status).toBe(404);
  });
});
