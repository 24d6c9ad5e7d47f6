import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../functions/catalog.ts';

const source = (handler: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'functions', 'api', `${handler}.ts`), 'utf8');

describe('public routes', () => {
  // A public route built with createApiHandler would answer 401 to everyone; a signed-in route built with
  // createPublicApiHandler would ignore who calls it. The catalog's `auth` decides which one a handler uses.
  it.each(apiRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s uses the handler builder its auth calls for',
    (_name, route) => {
      const text = source(route.handler);
      expect(text.includes('createPublicApiHandler(')).toBe(route.auth === 'none');
      expect(text.includes('createApiHandler(')).toBe(route.auth === 'jwt');
    },
  );
});
