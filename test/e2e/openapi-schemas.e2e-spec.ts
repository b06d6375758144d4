import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The OpenAPI document answers "what comes back" for the staff endpoints: every 2xx answer of
 * proposals, initiatives, project drafts, needs and the audit log carries a schema, and every
 * schema it reaches describes its fields (no bare `{}` a client would have to guess from).
 */

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  required?: string[];
};
type Operation = {
  parameters?: { in: string; name: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const STAFF_PATHS =
  /^\/api\/v1\/(admin\/(proposals|initiatives|project-drafts|needs|audit)|needs)(\/|$)/;

describe('OpenAPI response schemas', () => {
  let t: TestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await request(t.app.getHttpServer()).get('/docs-json').expect(200))
      .body as OpenApiDocument;
  });
  afterAll(() => t?.close());

  const staffOperations = () =>
    Object.entries(doc.paths)
      .filter(([path]) => STAFF_PATHS.test(path))
      .flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, op]) => ({
          name: `${method.toUpperCase()} ${path}`,
          op,
        })),
      );

  /** Problems of one schema and everything it references, as "where: what". */
  function schemaProblems(schema: Schema | undefined, where: string, seen: Set<string>): string[] {
    if (!schema) return [`${where}: no schema`];
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (seen.has(name)) return [];
      seen.add(name);
      const target = doc.components.schemas[name];
      return target ? schemaProblems(target, name, seen) : [`${where}: dangling ${schema.$ref}`];
    }
    const parts = [...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
    if (parts.length) return parts.flatMap((s, i) => schemaProblems(s, `${where}[${i}]`, seen));
    if (schema.type === 'array') return schemaProblems(schema.items, `${where}[]`, seen);
    if (schema.type === 'object' || schema.properties) {
      const properties = Object.entries(schema.properties ?? {});
      if (!properties.length && schema.additionalProperties === undefined)
        return [`${where}: an object without properties`];
      return properties.flatMap(([key, s]) => schemaProblems(s, `${where}.${key}`, seen));
    }
    return schema.type ? [] : [`${where}: no type`];
  }

  it('covers the staff endpoints (the walk below is not vacuous)', () => {
    const names = staffOperations().map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /api/v1/admin/proposals',
        'GET /api/v1/admin/proposals/{id}',
        'POST /api/v1/admin/proposals/{id}/approve',
        'POST /api/v1/admin/proposals/{id}/reject',
        'GET /api/v1/admin/initiatives',
        'GET /api/v1/admin/initiatives/{id}',
        'POST /api/v1/admin/initiatives/{id}/status',
        'GET /api/v1/admin/project-drafts',
        'GET /api/v1/admin/project-drafts/{id}',
        'POST /api/v1/admin/project-drafts/{id}/approve',
        'GET /api/v1/admin/project-drafts/{id}/export',
        'GET /api/v1/admin/needs/{id}',
        'GET /api/v1/admin/audit',
        'POST /api/v1/needs',
        'GET /api/v1/needs/track/{token}',
      ]),
    );
  });

  it('gives every 2xx answer of those endpoints a schema that describes its fields', () => {
    const problems = staffOperations().flatMap(({ name, op }) => {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (!success.length) return [`${name}: no 2xx response documented`];
      return success.flatMap(([status, response]) => {
        const contents = Object.entries(response.content ?? {});
        if (!contents.length) return [`${name} ${status}: no content`];
        return contents.flatMap(([type, c]) =>
          schemaProblems(c.schema, `${name} ${status} ${type}`, new Set()),
        );
      });
    });
    expect(problems).toEqual([]);
  });

  it('names the fields brokers rely on in the proposal and list schemas', () => {
    const proposal = doc.components.schemas.ProposalResponseDto;
    expect(Object.keys(proposal.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'kind', 'status', 'needs', 'participants', 'explanation']),
    );
    const list = doc.paths['/api/v1/admin/proposals'].get.responses['200'].content?.[
      'application/json'
    ].schema as Schema;
    const listSchema = doc.components.schemas[String(list.$ref).split('/').pop() as string];
    expect(listSchema.properties?.items).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/ProposalResponseDto' },
    });
    expect(listSchema.required).toEqual(expect.arrayContaining(['items', 'total']));
  });

  it('leaves every list filter of those endpoints optional and without a pre-filled example', () => {
    const narrowing = staffOperations().flatMap(({ name, op }) =>
      (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .filter((p) => p.required || 'example' in p || 'examples' in p)
        .map((p) => `${name} ?${p.name}`),
    );
    expect(narrowing).toEqual([]);
  });
});
