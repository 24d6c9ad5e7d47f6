/**
 * The subset of Amazon S3 that attachments use: a handler presigns a PUT, the browser uploads straight to
 * it, handlers HeadObject the result and presign GETs for downloads. Path-style URLs (`/<bucket>/<key>`),
 * S3's XML errors and status codes, and the bucket's CORS rules, so that the console and the handlers
 * meet the same refusals here as on AWS. Anything else answers 501 NotImplemented rather than pretending.
 */
import {
  createHash,
  createHmac,
  type Hash,
  type Hmac,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
// The SDK's own signing code (pinned to the version the SDK clients use), so
// the signature is recomputed exactly as the presigner computed it.
import {
  ALGORITHM_IDENTIFIER,
  ALGORITHM_QUERY_PARAM,
  AMZ_DATE_QUERY_PARAM,
  CREDENTIAL_QUERY_PARAM,
  EXPIRES_QUERY_PARAM,
  getCanonicalHeaders,
  MAX_PRESIGNED_TTL,
  SIGNATURE_QUERY_PARAM,
  SIGNED_HEADERS_QUERY_PARAM,
  SignatureV4,
  TOKEN_QUERY_PARAM,
  UNSIGNED_PAYLOAD,
} from '@smithy/signature-v4';
import type { Checksum, HeaderBag, HttpRequest, QueryParameterBag, SourceData } from '@smithy/types';

/** The attachment limit; larger uploads get 413 EntityTooLarge before their body is read. */
export const MAX_OBJECT_BYTES = 25 * 1024 * 1024;

export interface LocalS3Options {
  /** Folder holding one sub-folder per bucket (e.g. `<data>/s3`); null keeps objects in memory. */
  dataDir: string | null;
  region: string;
  /** The buckets that exist; any other name answers NoSuchBucket. */
  buckets: readonly string[];
  /** The one key pair presigned URLs must be signed with. */
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export interface LocalS3 {
  /** Node http listener for path-style S3 requests. */
  handleRequest: (req: IncomingMessage, res: ServerResponse) => void;
  /**
   * Node http `clientError` listener. A body cut short of its Content-Length is a parse error that never
   * reaches `handleRequest`; this answers it as S3 does (400 IncompleteBody) instead of Node's bare 400.
   */
  handleClientError: (error: Error & { code?: string }, socket: Duplex) => void;
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------------
// Storage

interface ObjectMetadata {
  contentType: string;
  /** Quoted MD5 hex, as S3 gives a single-part upload. */
  etag: string;
  checksumSha256?: string;
  /** ISO 8601. */
  lastModified: string;
}

interface StoredObject extends ObjectMetadata {
  body: Buffer;
}

interface ObjectStore {
  get(bucket: string, key: string): Promise<StoredObject | undefined>;
  put(bucket: string, key: string, object: StoredObject): Promise<void>;
  delete(bucket: string, key: string): Promise<void>;
}

const memoryStore = (buckets: readonly string[]): ObjectStore => {
  const objects = new Map(buckets.map((bucket) => [bucket, new Map<string, StoredObject>()]));
  const bucketOf = (bucket: string) => {
    const found = objects.get(bucket);
    if (!found) throw new Error(`Unknown bucket ${bucket}`);
    return found;
  };
  return {
    get: async (bucket, key) => bucketOf(bucket).get(key),
    put: async (bucket, key, object) => {
      bucketOf(bucket).set(key, object);
    },
    delete: async (bucket, key) => {
      bucketOf(bucket).delete(key);
    },
  };
};

/**
 * One file per object: a line of JSON metadata, then the body. The file is named by a hash of the key,
 * so no key (`../x`, `a/b`, a 1 KiB name) can leave the bucket's folder or exceed a file-name limit; the
 * key itself is kept in the metadata for whoever looks at the folder. Each write goes to a temporary
 * file that is then renamed over the object, so a crash leaves the old or the new object, never a mix.
 */
const directoryStore = async (root: string, buckets: readonly string[]): Promise<ObjectStore> => {
  for (const bucket of buckets) await mkdir(join(root, bucket), { recursive: true });
  const fileOf = (bucket: string, key: string) =>
    join(root, bucket, `${createHash('sha256').update(key).digest('hex')}.object`);
  return {
    get: async (bucket, key) => {
      let data: Buffer;
      try {
        data = await readFile(fileOf(bucket, key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      // JSON.stringify escapes newlines inside strings, so the first newline ends the metadata.
      const newline = data.indexOf(0x0a);
      const { key: _key, ...metadata } = JSON.parse(
        data.subarray(0, newline).toString('utf8'),
      ) as ObjectMetadata & {
        key: string;
      };
      return { ...metadata, body: data.subarray(newline + 1) };
    },
    put: async (bucket, key, { body, ...metadata }) => {
      const file = fileOf(bucket, key);
      const temporary = `${file}.${randomUUID()}.tmp`;
      await writeFile(
        temporary,
        Buffer.concat([Buffer.from(`${JSON.stringify({ key, ...metadata })}\n`), body]),
      );
      await rename(temporary, file);
    },
    delete: async (bucket, key) => {
      await rm(fileOf(bucket, key), { force: true });
    },
  };
};

// ---------------------------------------------------------------------------------------------------
// Presigned URL verification

/** SHA-256 and HMAC-SHA256 over node:crypto, in the shape the SDK's signer expects. */
class NodeSha256 implements Checksum {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }

  private create(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(this.secret));
  }

  update(data: Uint8Array): void {
    this.hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.create();
  }
}

const toBytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/**
 * The SDK's SigV4 signer, used backwards: rebuild the canonical request from what arrived and sign it
 * with the local key. Its canonicalisation helpers are protected, hence the subclass.
 */
class PresignedUrlVerifier extends SignatureV4 {
  async signatureOf(
    request: HttpRequest,
    canonicalHeaders: HeaderBag,
    signingDate: Date,
    longDate: string,
    scope: string,
  ): Promise<string> {
    // Presigned S3 requests never sign the body; the presigner signs UNSIGNED-PAYLOAD.
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, UNSIGNED_PAYLOAD);
    const stringToSign = await this.createStringToSign(
      longDate,
      scope,
      canonicalRequest,
      ALGORITHM_IDENTIFIER,
    );
    return this.sign(stringToSign, { signingDate, signingService: 's3' });
  }
}

/** A presigned URL may be used this long before its X-Amz-Date (clock skew), as on AWS. */
const MAX_CLOCK_SKEW_MS = 15 * 60_000;

const AUTH_QUERY_PARAMS = [
  ALGORITHM_QUERY_PARAM,
  CREDENTIAL_QUERY_PARAM,
  AMZ_DATE_QUERY_PARAM,
  EXPIRES_QUERY_PARAM,
  SIGNED_HEADERS_QUERY_PARAM,
  SIGNATURE_QUERY_PARAM,
];

const incompleteBody = () =>
  new S3Error(
    400,
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header.',
  );

const queryAuthError = (message: string) => new S3Error(400, 'AuthorizationQueryParametersError', message);

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

// ---------------------------------------------------------------------------------------------------
// Requests

type QueryPairs = Array<[name: string, value: string]>;

interface Target {
  bucket: string;
  key: string;
  /** Exactly as sent: S3 signs the path without re-encoding it. */
  rawPath: string;
  query: QueryPairs;
}

const decode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new S3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
  }
};

// Not URLSearchParams: it reads `+` as a space, which SigV4's canonical query does not.
const parseQuery = (raw: string): QueryPairs =>
  raw
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0
        ? [decode(pair), '']
        : [decode(pair.slice(0, equals)), decode(pair.slice(equals + 1))];
    });

const parseTarget = (url: string): Target => {
  const question = url.indexOf('?');
  const rawPath = question < 0 ? url : url.slice(0, question);
  if (!rawPath.startsWith('/')) throw new S3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
  const slash = rawPath.indexOf('/', 1);
  return {
    bucket: decode(rawPath.slice(1, slash < 0 ? undefined : slash)),
    key: slash < 0 ? '' : decode(rawPath.slice(slash + 1)),
    rawPath,
    query: parseQuery(question < 0 ? '' : url.slice(question + 1)),
  };
};

/** `response-*` query parameters of a signed GET or HEAD, and the header each one overrides. */
const RESPONSE_OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-disposition': 'content-disposition',
  'response-content-language': 'content-language',
  'response-content-encoding': 'content-encoding',
  'response-cache-control': 'cache-control',
  'response-expires': 'expires',
};

/**
 * Query parameters an object request may carry. Anything else selects an S3 feature this subset lacks
 * (`?uploads`, `?tagging`, `?versionId`, …), which must fail loudly rather than act as a plain GET or PUT.
 * `x-id` is the SDK's operation marker; other `x-amz-*` parameters are headers hoisted by a presigner.
 */
const isObjectQueryParam = (name: string) =>
  AUTH_QUERY_PARAMS.includes(name) ||
  name === TOKEN_QUERY_PARAM ||
  name === 'x-id' ||
  name in RESPONSE_OVERRIDES ||
  name.toLowerCase().startsWith('x-amz-');

const CORS_METHODS = ['GET', 'PUT', 'HEAD'];
const CORS_MAX_AGE_SECONDS = 3000;

const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);

// ---------------------------------------------------------------------------------------------------

export const createLocalS3 = async (options: LocalS3Options): Promise<LocalS3> => {
  for (const bucket of options.buckets) {
    // Bucket names become folder names, so only S3's own (path-safe) naming rules are accepted.
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..')) {
      throw new Error(`Invalid bucket name ${bucket}`);
    }
  }
  const buckets = new Set(options.buckets);
  const store = options.dataDir
    ? await directoryStore(options.dataDir, options.buckets)
    : memoryStore(options.buckets);
  const verifier = new PresignedUrlVerifier({
    service: 's3',
    region: options.region,
    credentials: options.credentials,
    sha256: NodeSha256,
    // S3 signs the path as sent, unlike other services, and never signs a presigned body.
    uriEscapePath: false,
    applyChecksum: false,
  });

  const verifyPresigned = async (req: IncomingMessage, target: Target): Promise<void> => {
    const param = (name: string) => target.query.find(([candidate]) => candidate === name)?.[1];
    const [algorithm, credential, longDate, expires, signedHeaderList, signature] =
      AUTH_QUERY_PARAMS.map(param);
    if (!algorithm || !credential || !longDate || !expires || !signedHeaderList || !signature) {
      throw queryAuthError(
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      );
    }
    if (algorithm !== ALGORITHM_IDENTIFIER)
      throw queryAuthError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
    const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(longDate);
    if (!date) throw queryAuthError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
    const [year, month, day, hours, minutes, seconds] = date.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const signingDate = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
    if (!/^\d+$/.test(expires) || Number(expires) > MAX_PRESIGNED_TTL) {
      throw queryAuthError(
        `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_TTL}`,
      );
    }
    const [accessKeyId, ...scopeParts] = credential.split('/');
    if (accessKeyId !== options.credentials.accessKeyId) {
      throw new S3Error(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    }
    const [scopeDate, scopeRegion, scopeService, terminator] = scopeParts;
    if (scopeRegion !== options.region) {
      throw queryAuthError(
        `Error parsing the X-Amz-Credential parameter; the region '${scopeRegion}' is wrong; expecting '${options.region}'`,
      );
    }
    if (
      scopeParts.length !== 4 ||
      scopeDate !== longDate.slice(0, 8) ||
      scopeService !== 's3' ||
      terminator !== 'aws4_request'
    ) {
      throw queryAuthError('Error parsing the X-Amz-Credential parameter');
    }
    const signedHeaders = signedHeaderList.split(';');
    if (!signedHeaders.includes('host')) throw queryAuthError('X-Amz-SignedHeaders must include host');
    const unsigned = Object.keys(req.headers).filter(
      (name) => name.startsWith('x-amz-') && !signedHeaders.includes(name),
    );
    if (unsigned.length > 0) {
      throw new S3Error(
        403,
        'AccessDenied',
        `There were headers present in the request which were not signed: ${unsigned.join(', ')}`,
      );
    }

    // Exactly the headers the URL names, as this client sent them: a browser that sends another
    // Content-Type, Content-Length or checksum than was presigned gets a different signature.
    const headers: HeaderBag = {};
    for (const name of signedHeaders) {
      const values = req.headersDistinct[name];
      if (values) headers[name] = values.join(',');
    }
    const values = new Map<string, string[]>();
    for (const [name, value] of target.query) {
      if (name !== SIGNATURE_QUERY_PARAM) values.set(name, [...(values.get(name) ?? []), value]);
    }
    const query: QueryParameterBag = {};
    for (const [name, list] of values) query[name] = list.length === 1 ? (list[0] as string) : list;
    const request: HttpRequest = {
      method: req.method ?? 'GET',
      protocol: 'http:',
      hostname: '',
      path: target.rawPath,
      query,
      headers,
    };
    const expected = await verifier.signatureOf(
      request,
      getCanonicalHeaders(request, undefined, new Set(signedHeaders)),
      signingDate,
      longDate,
      `${scopeDate}/${scopeRegion}/s3/aws4_request`,
    );
    if (!sameText(expected, signature)) {
      throw new S3Error(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      );
    }
    const now = Date.now();
    if (now > signingDate.getTime() + Number(expires) * 1000) {
      throw new S3Error(403, 'AccessDenied', 'Request has expired');
    }
    if (signingDate.getTime() > now + MAX_CLOCK_SKEW_MS) {
      throw new S3Error(403, 'AccessDenied', 'Request is not valid yet');
    }
  };

  const authenticate = async (req: IncomingMessage, target: Target): Promise<void> => {
    if (target.query.some(([name]) => name === SIGNATURE_QUERY_PARAM || name === ALGORITHM_QUERY_PARAM)) {
      await verifyPresigned(req, target);
      return;
    }
    // Requests signed in the Authorization header come from the SDK inside handlers, with the same local
    // key; they are accepted unverified (as dynalite accepts DynamoDB calls). Browsers only ever hold
    // presigned URLs, and those are the ones whose refusals the console must meet locally.
    if (req.headers.authorization) return;
    throw new S3Error(403, 'AccessDenied', 'Access Denied');
  };

  /** An `x-amz-*` value from the headers, or from the query where a presigner hoisted it. */
  const amzValue = (req: IncomingMessage, target: Target, name: string): string | undefined => {
    const header = req.headers[name];
    if (typeof header === 'string') return header;
    return target.query.find(([candidate]) => candidate.toLowerCase() === name)?.[1];
  };

  const readBody = async (req: IncomingMessage, length: number): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    let received = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        received += chunk.length;
      }
    } catch {
      // The client closed the connection early; Node has already answered (see handleClientError).
    }
    if (received !== length) throw incompleteBody();
    return Buffer.concat(chunks);
  };

  const putObject = async (req: IncomingMessage, target: Target): Promise<OutgoingHttpHeaders> => {
    if (/\baws-chunked\b/.test(req.headers['content-encoding'] ?? '')) {
      throw new S3Error(
        501,
        'NotImplemented',
        'aws-chunked uploads (streamed bodies, trailing checksums) are not supported by the local S3; send a Buffer or string body.',
      );
    }
    const declared = req.headers['content-length'];
    if (declared === undefined) {
      throw new S3Error(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
    }
    const length = Number(declared);
    if (length > MAX_OBJECT_BYTES) {
      throw new S3Error(413, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    }
    const body = await readBody(req, length);
    const checksum = amzValue(req, target, 'x-amz-checksum-sha256');
    if (checksum !== undefined) {
      if (Buffer.from(checksum, 'base64').length !== 32) {
        throw new S3Error(400, 'InvalidRequest', 'Value for x-amz-checksum-sha256 header is invalid.');
      }
      if (createHash('sha256').update(body).digest('base64') !== checksum) {
        throw new S3Error(
          400,
          'BadDigest',
          'The SHA256 you specified did not match the calculated checksum.',
        );
      }
    }
    const etag = `"${createHash('md5').update(body).digest('hex')}"`;
    await store.put(target.bucket, target.key, {
      contentType: req.headers['content-type'] ?? 'binary/octet-stream',
      etag,
      ...(checksum !== undefined ? { checksumSha256: checksum } : {}),
      lastModified: new Date().toISOString(),
      body,
    });
    return { etag, ...checksumHeaders(checksum) };
  };

  const checksumHeaders = (checksum: string | undefined): OutgoingHttpHeaders =>
    checksum === undefined ? {} : { 'x-amz-checksum-sha256': checksum, 'x-amz-checksum-type': 'FULL_OBJECT' };

  const getObject = async (
    req: IncomingMessage,
    target: Target,
  ): Promise<{ headers: OutgoingHttpHeaders; body: Buffer }> => {
    const object = await store.get(target.bucket, target.key);
    if (!object) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    const checksumMode = amzValue(req, target, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED';
    const headers: OutgoingHttpHeaders = {
      'content-type': object.contentType,
      'content-length': object.body.length,
      etag: object.etag,
      'last-modified': new Date(object.lastModified).toUTCString(),
      ...(checksumMode ? checksumHeaders(object.checksumSha256) : {}),
    };
    for (const [name, value] of target.query) {
      const header = RESPONSE_OVERRIDES[name];
      if (header) headers[header] = value;
    }
    return { headers, body: object.body };
  };

  const errorXml = (error: S3Error, resource?: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message>${resource ? `<Resource>${xmlEscape(resource)}</Resource>` : ''}</Error>`;

  const reply = (
    res: ServerResponse,
    status: number,
    headers: OutgoingHttpHeaders,
    body: Buffer | string = '',
  ) => {
    res.writeHead(status, { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(), ...headers });
    res.end(body);
  };

  const replyError = (
    req: IncomingMessage,
    res: ServerResponse,
    error: S3Error,
    cors: OutgoingHttpHeaders,
  ) => {
    // Not when the client hung up mid-body: handleClientError has answered on the socket already.
    if (res.headersSent || !res.socket?.writable) return;
    // A HEAD response has no body, so S3 answers only with the status (the SDK maps it to NotFound, …).
    if (req.method === 'HEAD') return reply(res, error.status, cors);
    const xml = errorXml(error, req.url ?? '/');
    reply(
      res,
      error.status,
      { ...cors, 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) },
      xml,
    );
  };

  /** The bucket's CORS rule: any origin (echoed), GET/PUT/HEAD, any requested header, ETag readable. */
  const preflight = (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    const method = req.headers['access-control-request-method'];
    if (!origin)
      throw new S3Error(400, 'BadRequest', 'Insufficient information. Origin request header needed.');
    if (!method || !CORS_METHODS.includes(method)) {
      throw new S3Error(
        403,
        'AccessForbidden',
        "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
      );
    }
    const requestedHeaders = req.headers['access-control-request-headers'];
    reply(res, 200, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': CORS_METHODS.join(', '),
      ...(requestedHeaders ? { 'access-control-allow-headers': requestedHeaders } : {}),
      'access-control-expose-headers': 'ETag',
      'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
      'content-length': 0,
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    // Added to every answer to a cross-origin request (errors too), so the console can read them.
    const cors: OutgoingHttpHeaders =
      origin && req.method !== 'OPTIONS'
        ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'ETag', vary: 'Origin' }
        : {};
    try {
      const target = parseTarget(req.url ?? '/');
      if (!target.bucket)
        throw new S3Error(501, 'NotImplemented', 'ListBuckets is not supported by the local S3.');
      if (!buckets.has(target.bucket))
        throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
      if (req.method === 'OPTIONS') return preflight(req, res);
      if (!target.key) {
        throw new S3Error(501, 'NotImplemented', 'Bucket operations are not supported by the local S3.');
      }
      const unsupported = target.query.find(([name]) => !isObjectQueryParam(name));
      if (unsupported) {
        throw new S3Error(
          501,
          'NotImplemented',
          `The query parameter ${unsupported[0]} is not supported by the local S3.`,
        );
      }
      if (!['GET', 'HEAD', 'PUT', 'DELETE'].includes(req.method ?? '')) {
        throw new S3Error(
          501,
          'NotImplemented',
          `${req.method} on an object is not supported by the local S3.`,
        );
      }
      await authenticate(req, target);
      switch (req.method) {
        case 'PUT':
          return reply(res, 200, { ...cors, ...(await putObject(req, target)), 'content-length': 0 });
        case 'GET': {
          const { headers, body } = await getObject(req, target);
          return reply(res, 200, { ...cors, ...headers }, body);
        }
        case 'HEAD':
          return reply(res, 200, { ...cors, ...(await getObject(req, target)).headers });
        default:
          await store.delete(target.bucket, target.key);
          return reply(res, 204, cors);
      }
    } catch (error) {
      if (!(error instanceof S3Error)) console.error('[local s3] request failed', error);
      const s3Error =
        error instanceof S3Error
          ? error
          : new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.');
      replyError(req, res, s3Error, cors);
    }
  };

  return {
    handleRequest: (req, res) => {
      void handle(req, res);
    },
    handleClientError: (error, socket) => {
      if (!socket.writable) return void socket.destroy();
      if (error.code !== 'HPE_INVALID_EOF_STATE') {
        // What Node answers when no listener is registered.
        const status =
          error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
        return void socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      }
      const xml = errorXml(incompleteBody());
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/xml\r\nContent-Length: ${Buffer.byteLength(xml)}\r\nConnection: close\r\n\r\n${xml}`,
      );
    },
  };
};
