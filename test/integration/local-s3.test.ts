import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../local/cloud.ts';
import { MAX_OBJECT_BYTES } from '../../local/s3.ts';

const sha256 = (body: Uint8Array) => createHash('sha256').update(body).digest('base64');
const md5 = (body: Uint8Array) => createHash('md5').update(body).digest('hex');
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n${text}\n%%EOF\n`);

/** Handlers build their client like this; endpoint, region and key come from the local cloud's variables. */
const handlerClient = () => new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });

/** What the upload handler will presign: type, length and checksum fixed, the checksum kept as a header. */
const presignUpload = (
  client: S3Client,
  bucket: string,
  key: string,
  body: Uint8Array,
  options: { signingDate?: Date; expiresIn?: number } = {},
) =>
  getSignedUrl(
    client,
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      ContentType: 'application/pdf',
      ContentLength: body.length,
      ChecksumSHA256: sha256(body),
    }),
    {
      expiresIn: options.expiresIn ?? 300,
      unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      signableHeaders: new Set(['content-type', 'content-length']),
      ...(options.signingDate ? { signingDate: options.signingDate } : {}),
    },
  );

/** The browser's upload: fetch sets Content-Length from the body itself. */
const upload = (
  url: string,
  body: Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {
    'content-type': 'application/pdf',
    'x-amz-checksum-sha256': sha256(body),
  },
) => fetch(url, { method: 'PUT', body, headers });

const errorCode = async (response: Response) => /<Code>([^<]+)<\/Code>/.exec(await response.text())?.[1];

const headStatus = (client: S3Client, bucket: string, key: string) =>
  client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
    (output) => output.$metadata.httpStatusCode,
    (error: { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode,
  );

describe('local S3, in memory', () => {
  let cloud: LocalCloud;
  let s3: S3Client;
  let bucket: string;
  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    cloud = await startLocalCloud({ port: 0, dataDir: null });
    s3 = handlerClient();
    bucket = cloud.attachmentsBucket;
  });
  afterAll(async () => {
    s3?.destroy();
    await cloud?.stop();
  });

  it('gives handlers the endpoint and bucket through the standard variables', () => {
    expect(process.env.AWS_ENDPOINT_URL_S3).toBe(cloud.s3Endpoint);
    expect(process.env.ATTACHMENTS_BUCKET).toBe('pilot-zone-attachments');
    expect(bucket).toBe('pilot-zone-attachments');
  });

  it('stores a presigned upload; HeadObject and a presigned download return it', async () => {
    // Spaces, brackets and Chinese in the key: the path is signed as the SDK encoded it.
    const key = `uploads/${randomUUID()}/营业执照 (副本).pdf`;
    const body = pdf('licence');
    const put = await upload(await presignUpload(s3, bucket, key, body), body);
    expect(put.status, await put.clone().text()).toBe(200);
    expect(put.headers.get('etag')).toBe(`"${md5(body)}"`);

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }));
    expect(head).toMatchObject({
      ContentLength: body.length,
      ContentType: 'application/pdf',
      ChecksumSHA256: sha256(body),
      ETag: `"${md5(body)}"`,
    });
    expect(head.LastModified).toBeInstanceOf(Date);
    const plainHead = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(plainHead.ChecksumSHA256).toBeUndefined();

    const disposition = `attachment; filename*=UTF-8''${encodeURIComponent('营业执照.pdf')}`;
    const downloadUrl = await getSignedUrl(
      s3,
      new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: disposition }),
      { expiresIn: 300 },
    );
    const download = await fetch(downloadUrl);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(body);
    expect(download.headers.get('content-disposition')).toBe(disposition);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-length')).toBe(String(body.length));

    // The bucket is private: the same URL without its signature is refused.
    const unsigned = new URL(downloadUrl);
    unsigned.search = '';
    const anonymous = await fetch(unsigned);
    expect(anonymous.status).toBe(403);
    expect(await errorCode(anonymous)).toBe('AccessDenied');
  });

  it('refuses a body that does not match the signed checksum, and stores nothing', async () => {
    const key = `uploads/${randomUUID()}/a.pdf`;
    const signed = pdf('the real one');
    const other = pdf('the fake one');
    expect(other.length).toBe(signed.length);
    const put = await upload(await presignUpload(s3, bucket, key, signed), other, {
      'content-type': 'application/pdf',
      'x-amz-checksum-sha256': sha256(signed),
    });
    expect(put.status).toBe(400);
    expect(await errorCode(put)).toBe('BadDigest');
    expect(await headStatus(s3, bucket, key)).toBe(404);
  });

  it('refuses an upload whose Content-Type, length or checksum header differs from what was signed', async () => {
    const key = `uploads/${randomUUID()}/a.pdf`;
    const body = pdf('signed');
    const url = await presignUpload(s3, bucket, key, body);
    const longer = pdf('signed!');
    const attempts = [
      upload(url, body, { 'content-type': 'text/html', 'x-amz-checksum-sha256': sha256(body) }),
      // A longer body with its own (correct) checksum: only the signed Content-Length stops it.
      upload(url, longer, { 'content-type': 'application/pdf', 'x-amz-checksum-sha256': sha256(longer) }),
      // Leaving out the signed checksum header would skip the integrity check.
      upload(url, body, { 'content-type': 'application/pdf' }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(await errorCode(response)).toBe('SignatureDoesNotMatch');
    }
    expect(await headStatus(s3, bucket, key)).toBe(404);
    // The same URL, used as signed, still works: the refusals came from the differences.
    expect((await upload(url, body)).status).toBe(200);
  });

  it('refuses a URL changed after signing, or signed with another secret', async () => {
    const key = `uploads/${randomUUID()}/a.pdf`;
    const body = pdf('tamper');
    const url = await presignUpload(s3, bucket, key, body);

    const otherKey = url.replace('/a.pdf?', '/b.pdf?');
    expect(otherKey).not.toBe(url);
    const longerLife = url.replace('X-Amz-Expires=300', 'X-Amz-Expires=3000');
    expect(longerLife).not.toBe(url);
    const forger = new S3Client({
      requestChecksumCalculation: 'WHEN_REQUIRED',
      credentials: { accessKeyId: 'local', secretAccessKey: 'guessed' },
    });
    const forged = await presignUpload(forger, bucket, key, body);
    forger.destroy();

    for (const tampered of [otherKey, longerLife, forged]) {
      const response = await upload(tampered, body);
      expect(response.status).toBe(403);
      expect(await errorCode(response)).toBe('SignatureDoesNotMatch');
    }
    expect(await headStatus(s3, bucket, key)).toBe(404);
    expect(await headStatus(s3, bucket, key.replace('/a.pdf', '/b.pdf'))).toBe(404);

    // An x-amz-* header the URL did not sign is refused, as on AWS (HeadersNotSigned).
    const withoutChecksum = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: 300,
    });
    const unsignedHeader = await upload(withoutChecksum, body, { 'x-amz-checksum-sha256': sha256(body) });
    expect(unsignedHeader.status).toBe(403);
    expect(await unsignedHeader.text()).toMatch(
      /<Code>AccessDenied<\/Code><Message>There were headers present/,
    );
    expect(await headStatus(s3, bucket, key)).toBe(404);
  });

  it('refuses an expired URL', async () => {
    const key = `uploads/${randomUUID()}/a.pdf`;
    const body = pdf('late');
    const url = await presignUpload(s3, bucket, key, body, {
      signingDate: new Date(Date.now() - 10 * 60_000),
      expiresIn: 300,
    });
    const response = await upload(url, body);
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(
      /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/,
    );
    expect(await headStatus(s3, bucket, key)).toBe(404);
  });

  it('answers CORS preflights from the console as the bucket is configured, and exposes the ETag', async () => {
    const key = `uploads/${randomUUID()}/a.pdf`;
    const body = pdf('cors');
    const url = await presignUpload(s3, bucket, key, body);
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type,x-amz-checksum-sha256',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-methods')?.split(/,\s*/).sort()).toEqual([
      'GET',
      'HEAD',
      'PUT',
    ]);
    expect(preflight.headers.get('access-control-allow-headers')?.split(/,\s*/)).toEqual(
      expect.arrayContaining(['content-type', 'x-amz-checksum-sha256']),
    );
    expect(preflight.headers.get('access-control-max-age')).toBe('3000');

    const deletion = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'DELETE' },
    });
    expect(deletion.status).toBe(403);

    const put = await upload(url, body, {
      origin: 'http://localhost:3000',
      'content-type': 'application/pdf',
      'x-amz-checksum-sha256': sha256(body),
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(put.headers.get('access-control-expose-headers')).toBe('ETag');
  });

  it('refuses an upload over the size limit, and what it does not implement', async () => {
    const key = `uploads/${randomUUID()}/big.pdf`;
    const big = new Uint8Array(MAX_OBJECT_BYTES + 1);
    const tooLarge = await upload(await presignUpload(s3, bucket, key, big), big);
    expect(tooLarge.status).toBe(413);
    expect(await errorCode(tooLarge)).toBe('EntityTooLarge');
    expect(await headStatus(s3, bucket, key)).toBe(404);

    await expect(s3.send(new ListObjectsV2Command({ Bucket: bucket }))).rejects.toMatchObject({
      name: 'NotImplemented',
      $metadata: { httpStatusCode: 501 },
    });
    await expect(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'a' }))).rejects.toMatchObject(
      {
        name: 'NoSuchBucket',
        $metadata: { httpStatusCode: 404 },
      },
    );
  });

  it('refuses a body shorter than its Content-Length', async () => {
    const key = `uploads/${randomUUID()}/short.pdf`;
    const body = pdf('short');
    const url = new URL(await presignUpload(s3, bucket, key, body));
    // fetch cannot send a short body, so the request is written by hand and the socket half-closed.
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `PUT ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/pdf\r\n` +
            `Content-Length: ${body.length}\r\nx-amz-checksum-sha256: ${sha256(body)}\r\n\r\n`,
        );
        socket.end(body.subarray(0, 10));
      });
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toContain('<Code>IncompleteBody</Code>');
    expect(await headStatus(s3, bucket, key)).toBe(404);
  });
});

describe('local S3, on disk', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilot-zone-s3-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const withCloud = async (use: (cloud: LocalCloud, s3: S3Client) => Promise<void>) => {
    const cloud = await startLocalCloud({ port: 0, dataDir });
    const s3 = handlerClient();
    try {
      await use(cloud, s3);
    } finally {
      s3.destroy();
      await cloud.stop();
    }
  };

  it('keeps objects across a restart of the local cloud, and deletes them', async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    const key = `uploads/${randomUUID()}/园区认定申请.pdf`;
    const body = pdf('persisted');
    const folder = join(dataDir, 's3', 'pilot-zone-attachments');

    await withCloud(async (cloud, s3) => {
      const put = await upload(await presignUpload(s3, cloud.attachmentsBucket, key, body), body);
      expect(put.status).toBe(200);
    });
    expect(readdirSync(folder).filter((name) => name.endsWith('.object'))).toHaveLength(1);

    await withCloud(async (cloud, s3) => {
      const head = await s3.send(
        new HeadObjectCommand({ Bucket: cloud.attachmentsBucket, Key: key, ChecksumMode: 'ENABLED' }),
      );
      expect(head).toMatchObject({
        ContentLength: body.length,
        ContentType: 'application/pdf',
        ChecksumSHA256: sha256(body),
      });
      const got = await s3.send(new GetObjectCommand({ Bucket: cloud.attachmentsBucket, Key: key }));
      expect(await got.Body?.transformToByteArray()).toEqual(body);

      const deleted = await s3.send(new DeleteObjectCommand({ Bucket: cloud.attachmentsBucket, Key: key }));
      expect(deleted.$metadata.httpStatusCode).toBe(204);
      expect(await headStatus(s3, cloud.attachmentsBucket, key)).toBe(404);
    });
    expect(readdirSync(folder)).toEqual([]);
  });
});
