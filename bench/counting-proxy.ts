/**
 * A counting proxy in front of the local cloud's DynamoDB and S3 endpoints, for the cost model
 * (bench/cost.ts). The handlers reach it through AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_S3, so nothing
 * in local/ or functions/ changes. It forwards every request unchanged except that DynamoDB requests ask
 * for `ReturnConsumedCapacity: TOTAL` (dynalite then reports the table's units the way DynamoDB computes
 * them: reads per 4 KB, halved when eventually consistent; writes per 1 KB of the larger of the old and new
 * item). Global secondary index writes, which dynalite does not report, are estimated from the item read
 * just before and just after each single-item write, by DynamoDB's rules for indexes projecting ALL.
 */
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type AttributeValue, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { tableDesign } from '../functions/catalog.ts';

const require = createRequire(import.meta.url);
/** dynalite's own item-size function (DynamoDB's rules: attribute names + values). */
const { itemSize } = require('dynalite/db') as { itemSize: (item: Record<string, AttributeValue>) => number };

type Item = Record<string, AttributeValue>;

export interface OperationCounts {
  calls: number;
  /** Read request units (table and index reads), as dynalite reports them. */
  readUnits: number;
  /** Write request units on the table, as dynalite reports them (1 KB of the larger item, rounded up). */
  tableWriteUnits: number;
  /** Estimated write request units on the global secondary indexes. */
  indexWriteUnits: number;
  /** Conditional writes refused (ConditionalCheckFailed): still charged, at least 1 WRU each. */
  conditionalFailures: number;
  failedWriteUnits: number;
}

export interface ProxyCounts {
  dynamodb: Record<string, OperationCounts>;
  /** Write units by item key prefix (`POLICY#…/BUDGET`, `APP#…/META`, …), to see where writes go. */
  writeUnitsByKind: Record<string, number>;
  /** Writes to one item (`pk/sk`), for items written by every claim (ledgers). */
  writesByItem: Record<string, number>;
  s3: Record<string, number>;
}

const WRITE_OPERATIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
const CAPACITY_OPERATIONS = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
]);

const kilobytes = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** DynamoDB's index write rule: a new entry 1 write, a removed one 1, a changed key 2, a changed item 1. */
export const indexWriteUnits = (before: Item | undefined, after: Item | undefined): number => {
  let units = 0;
  for (const index of tableDesign.indexes) {
    const keyOf = (item: Item | undefined) => {
      const pk = item?.[index.partitionKey]?.S;
      const sk = item?.[index.sortKey]?.S;
      return pk !== undefined && sk !== undefined ? `${pk}\u0000${sk}` : undefined;
    };
    const oldKey = keyOf(before);
    const newKey = keyOf(after);
    const oldSize = before ? itemSize(before) : 0;
    const newSize = after ? itemSize(after) : 0;
    if (oldKey !== undefined && newKey !== undefined) {
      if (oldKey !== newKey) units += kilobytes(oldSize) + kilobytes(newSize);
      else if (JSON.stringify(before) !== JSON.stringify(after))
        units += kilobytes(Math.max(oldSize, newSize));
    } else if (oldKey !== undefined) units += kilobytes(oldSize);
    else if (newKey !== undefined) units += kilobytes(newSize);
  }
  return units;
};

const readAll = async (stream: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

interface Forwarded {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const forward = (target: URL, req: IncomingMessage, body: Buffer): Promise<Forwarded> =>
  new Promise((resolve, reject) => {
    const headers = { ...req.headers, 'content-length': String(body.length) };
    const outgoing = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (res) => {
        readAll(res).then(
          (responseBody) =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: responseBody }),
          reject,
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });

const listen = (server: Server): Promise<string> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });

const emptyCounts = (): OperationCounts => ({
  calls: 0,
  readUnits: 0,
  tableWriteUnits: 0,
  indexWriteUnits: 0,
  conditionalFailures: 0,
  failedWriteUnits: 0,
});

const unitsOf = (consumed: unknown): number => {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce(
    (total: number, entry) => total + Number((entry as { CapacityUnits?: number }).CapacityUnits ?? 0),
    0,
  );
};

/** `POLICY#WH-2026-OW-01/BUDGET` → `POLICY/BUDGET`: the kind of item, without ids. */
const kindOf = (pk: string, sk: string) => `${pk.split('#')[0] ?? pk}/${sk.split('#')[0] ?? sk}`;

export interface CountingProxy {
  dynamodbUrl: string;
  s3Url: string;
  counts(): ProxyCounts;
  close(): Promise<void>;
}

export const startCountingProxy = async (options: {
  dynamodbEndpoint: string;
  s3Endpoint: string;
  region: string;
}): Promise<CountingProxy> => {
  const dynamodbTarget = new URL(options.dynamodbEndpoint);
  const s3Target = new URL(options.s3Endpoint);
  // Reads the proxy makes for its index estimate go straight to dynalite, uncounted.
  const raw = new DynamoDBClient({
    region: options.region,
    endpoint: options.dynamodbEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const state: ProxyCounts = { dynamodb: {}, writeUnitsByKind: {}, writesByItem: {}, s3: {} };

  const getItem = async (tableName: string, key: Item) =>
    (await raw.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  const dynamodbServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    (async () => {
      const operation = String(req.headers['x-amz-target'] ?? 'unknown').replace(/^DynamoDB_\d+\./, '');
      const original = await readAll(req);
      let payload: Record<string, unknown> = {};
      try {
        payload = JSON.parse(original.toString('utf8')) as Record<string, unknown>;
      } catch {
        payload = {};
      }
      const askedForCapacity =
        payload.ReturnConsumedCapacity !== undefined && payload.ReturnConsumedCapacity !== 'NONE';
      if (CAPACITY_OPERATIONS.has(operation) && !askedForCapacity) payload.ReturnConsumedCapacity = 'TOTAL';
      const body = Buffer.from(JSON.stringify(payload));

      const isWrite = WRITE_OPERATIONS.has(operation);
      const tableName = String(payload.TableName ?? '');
      const key: Item | undefined = isWrite
        ? operation === 'PutItem'
          ? (() => {
              const item = payload.Item as Item;
              return { pk: item.pk as AttributeValue, sk: item.sk as AttributeValue };
            })()
          : (payload.Key as Item)
        : undefined;
      const before = key ? await getItem(tableName, key) : undefined;
      const reply = await forward(dynamodbTarget, req, body);
      const after = key && reply.status === 200 ? await getItem(tableName, key) : before;

      const counts = state.dynamodb[operation] ?? emptyCounts();
      state.dynamodb[operation] = counts;
      counts.calls += 1;
      let response: Record<string, unknown> = {};
      try {
        response = JSON.parse(reply.body.toString('utf8')) as Record<string, unknown>;
      } catch {
        response = {};
      }
      if (reply.status === 200) {
        const units = unitsOf(response.ConsumedCapacity);
        if (isWrite || operation === 'BatchWriteItem') {
          counts.tableWriteUnits += units;
          const indexUnits = isWrite ? indexWriteUnits(before, after) : 0;
          counts.indexWriteUnits += indexUnits;
          if (key) {
            const pk = key.pk?.S ?? '';
            const sk = key.sk?.S ?? '';
            const kind = kindOf(pk, sk);
            state.writeUnitsByKind[kind] = (state.writeUnitsByKind[kind] ?? 0) + units + indexUnits;
            state.writesByItem[`${pk}/${sk}`] = (state.writesByItem[`${pk}/${sk}`] ?? 0) + 1;
          }
        } else counts.readUnits += units;
      } else if (String(response.__type ?? '').includes('ConditionalCheckFailed')) {
        counts.conditionalFailures += 1;
        counts.failedWriteUnits += kilobytes(before ? itemSize(before) : 0);
      }

      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    })().catch((error: unknown) => {
      console.error('[counting proxy] dynamodb', error);
      if (!res.headersSent) res.writeHead(502).end();
    });
  });

  const s3Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    (async () => {
      const method = req.method ?? 'GET';
      state.s3[method] = (state.s3[method] ?? 0) + 1;
      const body = await readAll(req);
      const reply = await forward(s3Target, req, body);
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    })().catch((error: unknown) => {
      console.error('[counting proxy] s3', error);
      if (!res.headersSent) res.writeHead(502).end();
    });
  });

  const dynamodbUrl = await listen(dynamodbServer);
  const s3Url = await listen(s3Server);
  const close = (server: Server) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    dynamodbUrl,
    s3Url,
    counts: () => structuredClone(state),
    close: async () => {
      await close(dynamodbServer);
      await close(s3Server);
      raw.destroy();
    },
  };
};
