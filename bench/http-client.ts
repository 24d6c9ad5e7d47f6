import { Agent, request } from 'node:http';

export interface TimedReply {
  status: number;
  body: Buffer;
  /** From issuing the request to the last byte of the body (the body is not parsed inside the timing). */
  ms: number;
}

/**
 * A minimal keep-alive GET client on node:http, the same HTTP stack the AWS SDK's NodeHttpHandler uses for
 * the raw DynamoDB Query, so neither side of the comparison pays for a heavier client (such as fetch).
 */
export class KeepAliveClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly headers: Record<string, string>) {}

  get(url: string): Promise<TimedReply> {
    return new Promise((resolve, reject) => {
      const start = process.hrtime.bigint();
      const req = request(url, { method: 'GET', agent: this.agent, headers: this.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - start) / 1e6;
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
