import PDFDocument from 'pdfkit';

/**
 * A one-page PDF standing in for a scanned document in demo data, tests and benchmarks, so a reviewer who
 * downloads a demo attachment gets a file that opens. Latin text only: the standard fonts have no Chinese.
 */
export const samplePdf = (title: string): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const document = new PDFDocument({ size: 'A4', info: { Title: title } });
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    document.on('error', reject);
    document.fontSize(20).text(title).moveDown().fontSize(11).text('Sample document of the pilot-zone demo.');
    document.end();
  });

/** Uploads one sample PDF per name through `client` and returns the form references. */
export const uploadSamplePdfs = async (
  client: {
    uploadAttachment(
      fileName: string,
      content: Uint8Array,
    ): Promise<{ attachmentId: string; fileName: string }>;
  },
  fileNames: readonly string[],
) =>
  Promise.all(
    fileNames.map(async (fileName) => client.uploadAttachment(fileName, await samplePdf(fileName))),
  );
