import { type Role, roleSchema } from '../../domain/shared/roles.ts';

/**
 * The authorization matrix (issue 7): for every route of `apiRoutes`, every role and a caller without a
 * token, whether a request is allowed against a target in the caller's **own** scope and in **another**
 * scope. Written by hand from the platform's rules (DESIGN.md "Roles", README, docs/architecture.md,
 * domain/shared/access.ts and the handlers' documented readers and maintainers), never computed from the
 * code under test. `authorization-matrix.test.ts` builds the targets and checks every cell.
 *
 * What "own" and "other" mean is the route's own scope (the test file says it per route):
 * - records of an organization (applications, registrations, tasks answered by an organization): the
 *   caller's organization / another organization; a district reviewer's district / another district of
 *   the zone; a zone-wide role's zone (Wuhu) / the other zone (Anqing); an expert: an application or task
 *   of a panel the expert sits on / one of another panel or another member;
 * - zone-wide registries and listings (`?zone=`, a policy, a session, an import, a credit entry): Wuhu,
 *   where every signed-in demo account belongs / Anqing;
 * - routes without a scope (the programs, the caller's inbox, the public notices): own and other are the
 *   same request, so the row says A or -.
 * Provincial reviewers and administrators cover the whole province: their "other" is the Anqing record.
 */

export type Caller = Role | 'anonymous';
export type Scope = 'own' | 'other';
export type Verdict = 'allow' | 'deny';

/** Every value of the role enum, then a caller without a token. */
export const callers: readonly Caller[] = [...roleSchema.options, 'anonymous'];
export const scopes: readonly Scope[] = ['own', 'other'];

/** Column headings of the grid below, in this order. */
const columns: Record<string, Caller> = {
  pk: 'park',
  en: 'enterprise',
  tr: 'trainee',
  di: 'district_reviewer',
  mu: 'municipal_reviewer',
  pr: 'provincial_reviewer',
  ex: 'expert',
  fi: 'finance',
  un: 'unit',
  of: 'office',
  ad: 'admin',
  an: 'anonymous',
};

/*
 * A = allowed in its own scope and in the other; O = allowed in its own scope only; - = denied in both.
 * Text after `#` is a note for the reader.
 */
const grid = `
route                                                       pk en tr di mu pr ex fi un of ad an
GET    /programs                                             A  A  A  A  A  A  A  A  A  A  A  -
POST   /applications                                         A  A  A  -  -  -  -  -  -  A  -  -  # each role its own program; the owner is always the caller's own
POST   /attachments                                          A  A  A  A  A  A  A  A  A  A  A  -  # announcing a file binds it to nothing
GET    /applications/{id}/attachments/{attachmentId}         O  O  O  O  O  A  O  O  O  O  A  -  # whoever reads the application
GET    /applications                                         A  A  A  -  -  -  -  -  -  -  -  -  # an applicant's own list; reviewers use the inbox
GET    /applications/{id}                                    O  O  O  O  O  A  O  O  O  O  A  -
GET    /applications/{id}/certificate                        O  O  O  O  O  A  O  O  O  O  A  -
GET    /applications/{id}/history                            O  O  O  O  O  A  O  O  O  O  A  -
POST   /applications/{id}/resubmit                           O  O  O  -  -  -  -  -  -  -  -  -  # the applicant organization only
POST   /applications/{id}/withdraw                           O  O  O  -  -  -  -  -  -  -  -  -
GET    /inbox                                                A  A  A  A  A  A  A  A  A  A  A  -  # the caller's own queue
GET    /notifications                                        A  A  A  A  A  A  A  A  A  A  A  -
GET    /experts                                              -  -  -  -  O  A  -  -  -  O  A  -
PUT    /experts/{userId}                                     -  -  -  -  -  -  -  -  -  O  A  -
POST   /credit-lists/imports                                 -  -  -  -  -  -  -  -  -  O  A  -
GET    /credit-lists/imports/{id}                            -  -  -  -  -  -  -  -  -  O  A  -
GET    /credit-lists/{list}                                  -  -  -  O  O  A  -  -  -  O  A  -
PUT    /credit-lists/{list}/{uscc}                           -  -  -  -  -  -  -  -  -  O  A  -
GET    /enterprises/{uscc}/credit                            -  -  -  A  A  A  -  -  -  A  A  -  # any enterprise, but only the reader's zone's entries
GET    /supervision/board                                    -  -  -  -  O  A  -  -  O  O  A  -  # a unit: its own zone, its own tasks
GET    /audit                                                -  -  -  -  -  A  -  -  -  O  A  -
GET    /audit/export.xlsx                                    -  -  -  -  -  A  -  -  -  O  A  -
GET    /enterprises                                          -  -  -  -  O  A  -  -  -  O  A  -
GET    /enterprises/{uscc}                                   -  O  -  O  O  A  -  -  -  O  A  -
PUT    /enterprises/{uscc}                                   -  -  -  -  -  -  -  -  -  O  A  -
GET    /policies                                             A  A  A  A  A  A  A  A  A  A  A  -  # published policies of any zone; drafts filtered
GET    /policies/{code}                                      -  -  -  -  -  -  -  -  -  O  A  -  # target: a DRAFT policy (published ones: every signed-in user)
GET    /policies/{code}/budget                               -  -  -  -  -  -  -  -  -  O  A  -  # target: a DRAFT policy, as above
PUT    /policies/{code}                                      -  -  -  -  -  -  -  -  -  O  A  -
PUT    /policy-caps/{zone}/{year}                            -  -  -  -  -  -  -  -  -  O  A  -
GET    /dashboard                                            -  -  -  -  O  A  -  -  -  O  A  -
PUT    /statistics/figures/{uscc}/{month}                    -  O  -  -  -  -  -  -  -  -  -  -  # the enterprise itself only
GET    /statistics/figures/{uscc}/{month}                    -  O  -  O  O  A  -  -  -  O  A  -
POST   /statistics/rebuild                                   -  -  -  -  -  -  -  -  -  -  A  -
POST   /tasks/{taskId}/claim                                 O  O  -  O  O  A  O  O  O  O  -  -  # the task's assignee in scope; nobody else
POST   /tasks/{taskId}/decision                              O  O  -  O  O  A  O  O  O  O  -  -
GET    /training/sessions                                    A  A  A  A  A  A  A  A  A  A  A  -
GET    /training/sessions/{code}                             A  A  A  A  A  A  A  A  A  A  A  -
PUT    /training/sessions/{code}                             -  -  -  -  -  -  -  -  -  O  A  -
GET    /training/sessions/{code}/registrations               -  -  -  -  -  -  -  -  -  O  A  -
GET    /training/sessions/{code}/registrations.xlsx          -  -  -  -  -  -  -  -  -  O  A  -
PUT    /training/sessions/{code}/attendance/{date}           -  -  -  -  -  -  -  -  -  O  A  -
GET    /public/notices                                       A  A  A  A  A  A  A  A  A  A  A  A  # public
POST   /public/notices/{id}/objections                       A  A  A  A  A  A  A  A  A  A  A  A  # public
`;

/**
 * Cells where the platform allows what its rules deny. The expectation stays as the rule says; the test
 * of that one cell is marked `it.fails` until the handler is fixed. Key: `<METHOD /path> <caller> <scope>`.
 */
export const knownBugs: Readonly<Record<string, string>> = {};

export type CellExpectation = Record<Scope, Verdict>;
export type RouteExpectation = Record<Caller, CellExpectation>;

const cellOf = (symbol: string, where: string): CellExpectation => {
  switch (symbol) {
    case 'A':
      return { own: 'allow', other: 'allow' };
    case 'O':
      return { own: 'allow', other: 'deny' };
    case '-':
      return { own: 'deny', other: 'deny' };
    default:
      throw new Error(`authorization matrix: unknown symbol ${symbol} in ${where}`);
  }
};

const parseGrid = (text: string): Record<string, RouteExpectation> => {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.length > 0);
  const [header, ...rows] = lines;
  const headings = (header ?? '').split(/\s+/).slice(1);
  const order = headings.map((heading) => {
    const caller = columns[heading];
    if (!caller) throw new Error(`authorization matrix: unknown column ${heading}`);
    return caller;
  });
  if (order.join() !== callers.join()) {
    throw new Error(
      `authorization matrix: the columns must be every role of the enum, then anonymous: ${callers.join(', ')}`,
    );
  }
  const matrix: Record<string, RouteExpectation> = {};
  for (const row of rows) {
    const [method, path, ...symbols] = row.split(/\s+/);
    const key = `${method} ${path}`;
    if (symbols.length !== order.length) {
      throw new Error(`authorization matrix: ${key} has ${symbols.length} cells, not ${order.length}`);
    }
    if (matrix[key]) throw new Error(`authorization matrix: ${key} appears twice`);
    matrix[key] = Object.fromEntries(
      order.map((caller, index) => [caller, cellOf(symbols[index] ?? '', `${key} / ${caller}`)]),
    ) as RouteExpectation;
  }
  return matrix;
};

/** The expected allow / deny for every route (`METHOD /path`), caller and scope. */
export const expectedMatrix: Readonly<Record<string, RouteExpectation>> = parseGrid(grid);

export const caseKey = (route: string, caller: Caller, scope: Scope) => `${route} ${caller} ${scope}`;

/**
 * How a response is read (see the test file for why):
 * - `deny`: 401 (no token: the gateway's answer), 403 (role or scope refused), 404 NOT_FOUND (the platform
 *   answers "not found" for a record outside the caller's scope, so as not to reveal that it exists);
 * - `allow`: any other status below 500: 2xx, or a 4xx about the request's content or the record's state
 *   (409 already decided / already exists / not awaiting a revision / no certificate, 422 not a session
 *   day…), which the handlers only reach after the caller passed the role and scope checks. A 404 whose
 *   message is `innerNotFound` is an `allow` too: the scoped record was readable, and something inside it
 *   (an attachment the application does not have) is absent;
 * - `invalid`: 400, 405, 413, 415, 429 and the gateway's ROUTE_NOT_FOUND: the matrix sent a request that
 *   never reached the rule (malformed, or rate-limited), which is the test's own fault;
 * - `server-error`: 5xx, never acceptable.
 */
export type Classification = Verdict | 'invalid' | 'server-error';

export const classify = (
  status: number,
  error: { code?: string; message?: string } | undefined,
  innerNotFound?: string,
): Classification => {
  if (status >= 500) return 'server-error';
  if (status === 401 || status === 403) return 'deny';
  if (status === 404) {
    if (error?.code === 'ROUTE_NOT_FOUND') return 'invalid';
    if (innerNotFound !== undefined && error?.message === innerNotFound) return 'allow';
    return 'deny';
  }
  if ([400, 405, 413, 415, 429].includes(status)) return 'invalid';
  return 'allow';
};
