// @vitest-environment jsdom
import { createHash } from 'node:crypto';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { attachedFileFields } from '../../../../domain/shared/attachment.ts';
import type { JsonSchema } from '../../../../web/src/features/programs/api/programs.ts';
import { SchemaFields } from '../../../../web/src/features/programs/components/SchemaFields.tsx';
import { renderInConsole } from './render.tsx';

// jsdom's File has no arrayBuffer() (browsers have had it since 2020), and its FileReader's buffers belong to
// another realm, which Node's WebCrypto refuses: read through FileReader and copy into this realm.
File.prototype.arrayBuffer ??= function (this: File) {
  return new Promise<ArrayBuffer>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => {
      // Buffer allocates in Node's own realm.
      const bytes = Buffer.from(new Uint8Array(reader.result as ArrayBuffer));
      resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    };
    reader.readAsArrayBuffer(this);
  });
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const schema = z.toJSONSchema(z.object({ receipt: z.object(attachedFileFields) })) as JsonSchema;

/** A form with one attached-file item, showing its values as they would be submitted. */
const Harness = () => {
  const { control, formState, watch } = useForm<Record<string, unknown>>();
  return (
    <>
      <SchemaFields schema={schema} control={control} errors={formState.errors} />
      <output data-testid="values">{JSON.stringify(watch())}</output>
    </>
  );
};

const fileInput = () => document.querySelector('input[type=file]') as HTMLInputElement;

const uploadReply = {
  attachment: { id: '6f1d3c2a-1b2c-4d5e-8f90-123456789abc', fileName: '营业执照.pdf', sizeBytes: 11 },
  upload: {
    url: 'https://bucket.example/attachments/6f1d3c2a?X-Amz-Signature=abc',
    method: 'PUT',
    headers: { 'content-type': 'application/pdf', 'x-amz-checksum-sha256': 'signed' },
  },
};

describe('AttachmentUpload', () => {
  it('announces the file with its SHA-256, PUTs the bytes to the signed URL and fills the item', async () => {
    const fetchMock = vi.fn(async (url: string) =>
      url === '/api/attachments'
        ? new Response(JSON.stringify(uploadReply), { status: 201 })
        : new Response(null, { status: 200 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderInConsole(<Harness />);
    // The name is not a field of its own: the upload fills it.
    expect(document.getElementById('receipt.fileName')).toBeNull();

    const content = 'license pdf';
    fireEvent.change(fileInput(), { target: { files: [new File([content], '营业执照.pdf')] } });
    await screen.findByText(/已上传：营业执照\.pdf/);

    const [announceUrl, announce] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(announceUrl).toBe('/api/attachments');
    expect(JSON.parse(String(announce.body))).toEqual({
      fileName: '营业执照.pdf',
      contentType: 'application/pdf',
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('base64'),
    });
    const [putUrl, put] = fetchMock.mock.calls[1] as unknown as [string, RequestInit];
    expect(putUrl).toBe(uploadReply.upload.url);
    expect(put.method).toBe('PUT');
    expect(put.headers).toEqual(uploadReply.upload.headers);
    expect(JSON.parse(screen.getByTestId('values').textContent ?? '')).toEqual({
      receipt: { attachmentId: uploadReply.attachment.id, fileName: '营业执照.pdf' },
    });
  });

  it('refuses a file type the platform does not take without calling the API', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderInConsole(<Harness />);
    fireEvent.change(fileInput(), { target: { files: [new File(['MZ'], 'setup.exe')] } });
    await screen.findByText(/仅接受 pdf、ofd/);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByTestId('values').textContent).not.toContain('attachmentId');
  });

  it('says so when the bucket refuses the bytes, and leaves the item empty', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url === '/api/attachments'
          ? new Response(JSON.stringify(uploadReply), { status: 201 })
          : new Response('<Error><Code>BadDigest</Code></Error>', { status: 400 }),
      ),
    );
    renderInConsole(<Harness />);
    fireEvent.change(fileInput(), { target: { files: [new File(['x'], 'a.pdf')] } });
    await screen.findByText('文件未能存入，请重新上传');
    await waitFor(() => expect(screen.getByTestId('values').textContent).not.toContain('attachmentId'));
  });
});
