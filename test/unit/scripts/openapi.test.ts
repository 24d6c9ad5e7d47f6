import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../functions/catalog.ts';
import { buildOpenApi, openApiPath, operations } from '../../../scripts/openapi.ts';

describe('OpenAPI document', () => {
  it('describes every route of the route table', () => {
    for (const route of apiRoutes) expect(operations).toHaveProperty(route.handler);
    const document = buildOpenApi();
    for (const route of apiRoutes) {
      expect(document.paths[route.path]).toHaveProperty(route.method.toLowerCase());
    }
  });

  it('is current: docs/api/openapi.json equals what the schemas generate (run npm run openapi)', () => {
    const committed: unknown = JSON.parse(readFileSync(openApiPath, 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApi())));
  });
});
