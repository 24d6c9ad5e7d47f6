import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentUploadReply } from '../../local/api-client.ts';
import { ApiClient } from '../../local/api-client.ts';
import { chinaDay } from '../../local/china-today.ts';
import { loadDemoRegistry } from '../../local/demo-registry.ts';
import { findDemoUser } from '../../local/demo-users.ts';
import { samplePdf, uploadSamplePdfs } from '../../local/sample-files.ts';
import { generatedEnterprise } from '../../local/subsidy-demo.ts';
import { type ApplicationView, expectRefusal, snapshotTable, withLocalCloud } from './local-cloud.ts';

const local = withLocalCloud({ timeScale: 50_000 });

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
interface DownloadReply {
  attachment: { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string };
  download: { url: string; expiresAt: string };
}

let enterprise: ApiClient;
let otherEnterprise: ApiClient;
let municipalWuhu: ApiClient;
let municipalAnqing: ApiClient;
let nextMark = 1;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64');

/** A BRAND application (a mark of its own, so applications never meet on the (mark, market) key). */
const brandForm = (evidence: unknown[]) => ({
  type: 'TRADEMARK',
  mark: `ATTACH-${nextMark++}`,
  markets: [{ market: 'US', filingNumber: `US-${nextMark}`, filingDate: chinaDay(), feesPaidCny: 5_000 }],
  evidence,
});
const receipt = (file: { attachmentId: string; fileName: string }) => ({ code: 'FILING_RECEIPT', ...file });

const submit = (client: ApiClient, evidence: unknown[], headers?: Record<string, string>) =>
  client.post<{ application: ApplicationView }>(
    '/applications',
    { program: 'BRAND', form: brandForm(evidence) },
    headers,
  );

const announce = (client: ApiClient, body: Record<string, unknown>, headers?: Record<string, string>) =>
  client.post<AttachmentUploadReply>('/attachments', body, headers);

const tableSnapshot = () => snapshotTable(local.documents, local.cloud.tableName);

beforeAll(async () => {
  await loadDemoRegistry(local.cloud.apiUrl);
  enterprise = await local.login('enterprise.wuhu');
  municipalWuhu = await local.login('municipal.wuhu');
  municipalAnqing = await local.login('municipal.anqing');
  const admin = await local.login('admin');
  const { user, body } = generatedEnterprise(901);
  expect((await admin.put(`/enterprises/${user.orgId}`, body)).status).toBe(201);
  otherEnterprise = new ApiClient(local.cloud.apiUrl, await local.cloud.issueToken(user));
  expect(findDemoUser('enterprise.wuhu')?.orgId).not.toBe(user.orgId);
});

// The refusals come first: they compare the whole table before and after, which only holds while no
// workflow is running in the background.
describe('attachments', () => {
  it('refuses files of the wrong type, size or checksum before anything is stored', async () => {
    const before = await tableSnapshot();
    const valid = {
      fileName: 'receipt.pdf',
      contentType: 'application/pdf',
      sizeBytes: 1000,
      sha256: sha256(new Uint8Array(1000)),
    };
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'an executable',
        { ...valid, fileName: 'setup.exe', contentType: 'application/octet-stream' },
        'fileName',
      ],
      ['a type that differs from the extension', { ...valid, contentType: 'image/png' }, 'contentType'],
      ['a file over 20 MB', { ...valid, sizeBytes: 20 * 1024 * 1024 + 1 }, 'sizeBytes'],
      ['an empty file', { ...valid, sizeBytes: 0 }, 'sizeBytes'],
      ['a checksum that is not SHA-256', { ...valid, sha256: 'abc' }, 'sha256'],
      ['a path in the name', { ...valid, fileName: '../../etc/passwd.pdf' }, 'fileName'],
      ['an unknown field', { ...valid, bucket: 'other' }, ''],
    ];
    for (const [what, body, path] of cases) {
      const reply = await announce(enterprise, body);
      expect(reply.status, what).toBe(400);
      const error = (reply.body as unknown as ErrorBody).error;
      expect(error.code, what).toBe('VALIDATION_FAILED');
      if (path) expect(JSON.stringify(error.details), what).toContain(path);
    }
    await expectRefusal(
      (headers) => announce(enterprise, { ...valid, fileName: 'a.exe' }, headers),
      400,
      'VALIDATION_FAILED',
    );
    expect(await tableSnapshot()).toEqual(before);
  });

  it("refuses another user's upload and an id that does not exist, changing nothing", async () => {
    const [theirs] = await uploadSamplePdfs(otherEnterprise, ['theirs.pdf']);
    const before = await tableSnapshot();
    for (const attachmentId of [theirs?.attachmentId, '3f1c1d8e-0000-4000-8000-000000000000']) {
      await expectRefusal(
        (headers) =>
          submit(enterprise, [receipt({ attachmentId: attachmentId as string, fileName: 'x.pdf' })], headers),
        422,
        'ATTACHMENT_UNKNOWN',
      );
    }
    expect(await tableSnapshot()).toEqual(before);
  });

  it('lets the bucket refuse bytes other than those announced, and refuses a form naming an unfinished upload', async () => {
    const content = await samplePdf('announced');
    const announced = await announce(enterprise, {
      fileName: 'announced.pdf',
      contentType: 'application/pdf',
      sizeBytes: content.byteLength,
      sha256: sha256(content),
    });
    expect(announced.status).toBe(201);
    const { attachment, upload } = announced.body;
    const tampered = Buffer.from(content);
    tampered[tampered.length - 2] = (tampered[tampered.length - 2] ?? 0) ^ 1;
    const wrongBytes = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: tampered });
    expect(wrongBytes.status).toBe(400);
    const longer = await fetch(upload.url, {
      method: 'PUT',
      headers: upload.headers,
      body: Buffer.concat([Buffer.from(content), Buffer.from('x')]),
    });
    expect(longer.status).toBe(403);

    const before = await tableSnapshot();
    const reason = await expectRefusal(
      (headers) =>
        submit(enterprise, [receipt({ attachmentId: attachment.id, fileName: 'announced.pdf' })], headers),
      422,
      'ATTACHMENT_NOT_UPLOADED',
    );
    expect(reason.zh).toContain('尚未上传完成');
    expect(await tableSnapshot()).toEqual(before);

    // The announced bytes still go through, and then the form is accepted.
    const stored = await fetch(upload.url, {
      method: 'PUT',
      headers: upload.headers,
      body: Buffer.from(content),
    });
    expect(stored.status).toBe(200);
    const accepted = await submit(enterprise, [
      receipt({ attachmentId: attachment.id, fileName: 'announced.pdf' }),
    ]);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
  });

  it('uploads a file straight to the bucket, binds it on submission and lets readers in scope download it', async () => {
    const content = await samplePdf('Filing receipt 商标');
    const file = await enterprise.uploadAttachment('商标受理通知书.pdf', content);
    const reply = await submit(enterprise, [receipt(file)]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const { id } = reply.body.application;

    for (const reader of [enterprise, municipalWuhu]) {
      const link = await reader.get<DownloadReply>(`/applications/${id}/attachments/${file.attachmentId}`);
      expect(link.status, JSON.stringify(link.body)).toBe(200);
      expect(link.body.attachment).toMatchObject({
        fileName: '商标受理通知书.pdf',
        sizeBytes: content.byteLength,
      });
      const downloaded = await fetch(link.body.download.url);
      expect(downloaded.status).toBe(200);
      expect(downloaded.headers.get('content-type')).toBe('application/pdf');
      // The Chinese name survives as RFC 5987's filename*.
      expect(downloaded.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent('商标受理通知书.pdf')}`,
      );
      expect(sha256(new Uint8Array(await downloaded.arrayBuffer()))).toBe(sha256(content));
    }

    // Outside the application's scope the file does not exist, like the application itself.
    for (const outsider of [municipalAnqing, otherEnterprise]) {
      const refused = await outsider.get<ErrorBody>(`/applications/${id}/attachments/${file.attachmentId}`);
      expect(refused.status).toBe(404);
    }
    // Nor is a file reachable through another application the caller may read.
    const other = await submit(enterprise, [
      receipt((await uploadSamplePdfs(enterprise, ['other.pdf']))[0] as typeof file),
    ]);
    expect(other.status).toBe(201);
    const crossed = await enterprise.get<ErrorBody>(
      `/applications/${other.body.application.id}/attachments/${file.attachmentId}`,
    );
    expect(crossed.status).toBe(404);
  });

  it('binds one upload to exactly one of two applications submitted concurrently', async () => {
    const [shared] = await uploadSamplePdfs(enterprise, ['shared.pdf']);
    const replies = await Promise.all(
      Array.from({ length: 4 }, () =>
        submit(enterprise, [receipt(shared as { attachmentId: string; fileName: string })]),
      ),
    );
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    for (const reply of replies.filter((candidate) => candidate.status === 409)) {
      expect((reply.body as unknown as ErrorBody).error.code).toBe('ATTACHMENT_IN_USE');
    }
    // The losers' applications were removed again: only the winner's exists, and it owns the file.
    const winner = replies.find((reply) => reply.status === 201)?.body.application;
    const mine = await enterprise.get<{ items: ApplicationView[] }>('/applications?limit=100');
    expect(mine.status).toBe(200);
    const holding = mine.body.items.filter((application) =>
      JSON.stringify(application).includes((shared as { attachmentId: string }).attachmentId),
    );
    expect(holding.map((application) => application.id)).toEqual([winner?.id]);
    const link = await enterprise.get(`/applications/${winner?.id}/attachments/${shared?.attachmentId}`);
    expect(link.status).toBe(200);
  });
});
