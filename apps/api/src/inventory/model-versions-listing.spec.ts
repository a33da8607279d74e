import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uniqueSuffix } from '@modelgate/db/testing';
import { apiTokenPrefix, formatApiToken, hashApiToken, Role } from '@modelgate/domain/auth';
import { modelVersionsArgsSchema } from '@modelgate/domain/inventory';
import { APPROVAL_REQUEST_COLUMNS } from '../approvals/approval-mappers.js';
import { approvalRequestSelect } from '../approvals/approvals.repository.js';
import { PrismaService } from '../database/prisma.service.js';
import { DemoDataSeeder } from '../seed/demo-data.seeder.js';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';
import { InventoryRepository } from './inventory.repository.js';
import { MODEL_VERSION_COLUMNS, modelVersionSelect, PROVIDER_COLUMNS } from './inventory.selects.js';
import { InventoryQueriesService } from './inventory-queries.service.js';
import {
  encodeCursor,
  FACET_FILTERS,
  modelVersionOrderBy,
  modelVersionOrderSql,
  modelVersionWhere,
  modelVersionWhereSql,
  withoutFacet,
  type FacetName,
} from './model-version-query.js';

type Version = {
  id: string;
  versionName: string;
  developerCountry: string;
  effectiveOrigin: string[];
  licenseClass: string;
  obligations: { userCap: number | null; attributionTexts: string[]; incomplete: boolean };
  provider: { name: string };
  licenses: { licenseId: string }[];
  deploymentCount: number;
};
type Connection = {
  modelVersions: {
    totalCount: number;
    edges: { cursor: string; node: Version }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    facets: Record<string, { value: string; label: string; count: number }[]>;
  };
};

/** The benchmark's inventory query (bench/src/run.ts). */
const INVENTORY = /* GraphQL */ `
  query Inventory($first: Int, $filter: ModelVersionFilter) {
    modelVersions(first: $first, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          familyName
          versionName
          developerCountry
          licenseClass
          concludedLicense
          provider {
            id
            name
          }
          deploymentCount
          approvalRequests {
            state
          }
        }
      }
    }
  }
`;

const LIST = /* GraphQL */ `
  query List($filter: ModelVersionFilter, $orderBy: ModelVersionOrder, $first: Int, $after: String, $facets: Boolean!) {
    modelVersions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      facets @include(if: $facets) {
        approvalState {
          value
          label
          count
        }
        developerCountry {
          value
          label
          count
        }
        effectiveOrigin {
          value
          count
        }
        distribution {
          value
          count
        }
        licenseClass {
          value
          count
        }
        provider {
          value
          label
          count
        }
        environment {
          value
          count
        }
      }
      edges {
        cursor
        node {
          id
          versionName
          developerCountry
          effectiveOrigin
          licenseClass
          obligations {
            userCap
            attributionTexts
            incomplete
          }
          provider {
            name
          }
          licenses {
            licenseId
          }
          deploymentCount
          approvalRequests {
            state
          }
        }
      }
    }
  }
`;

describe('model version listing over the shipped catalog', () => {
  let api: TestApp;
  let reader: TestSession;
  const list = async (variables: Record<string, unknown>) => {
    const response = await api.graphql<Connection>(LIST, { facets: false, ...variables }, reader);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.modelVersions;
  };

  beforeAll(async () => {
    api = await startTestApp();
    await api.app.get(DemoDataSeeder).seedOnce();
    reader = await api.signInAs(Role.Reviewer);
  }, 60_000);
  afterAll(() => api.close());

  it('computes effective origin and license obligations over lineage for a distill of Llama by DeepSeek', async () => {
    const page = await list({ filter: { search: 'DeepSeek-R1-Distill-Llama-70B' } });
    expect(page.edges).toHaveLength(1);
    const distill = page.edges[0]!.node;
    expect(distill.developerCountry).toBe('CN');
    expect(distill.effectiveOrigin).toEqual(['CN', 'US']);
    // Its own license is MIT, but the Llama base brings the 700M monthly-user cap and attribution.
    expect(distill.obligations.userCap).toBe(700_000_000);
    expect(distill.licenseClass).toBe('RESTRICTED_COMMERCIAL');
    expect(distill.licenses.map((l) => l.licenseId)).toContain('MIT');
  });

  it('filters by developer country, and facets still count the other countries', async () => {
    const page = await api.graphql<Connection>(
      LIST,
      { filter: { developerCountries: ['CN'] }, first: 200, facets: true },
      reader,
    );
    const result = page.body.data!.modelVersions;
    expect(result.totalCount).toBeGreaterThanOrEqual(30);
    expect(result.edges.every((edge) => edge.node.developerCountry === 'CN')).toBe(true);
    const countries = new Map(result.facets['developerCountry']!.map((f) => [f.value, f]));
    expect(countries.get('CN')!.count).toBe(result.totalCount);
    expect(countries.get('US')!.count).toBeGreaterThan(0);
    expect(countries.get('FR')!.label).toBe('France (FR)');
    // BLOOM is BigScience's (France), not Chinese.
    expect(result.edges.some((edge) => edge.node.versionName.toLowerCase().startsWith('bloom'))).toBe(false);
    const licenseClasses = result.facets['licenseClass']!.reduce((sum, f) => sum + f.count, 0);
    expect(licenseClasses).toBe(result.totalCount);
  });

  it('finds derivatives by effective origin even when developed elsewhere', async () => {
    const page = await list({ filter: { effectiveOrigins: ['US'], developerCountries: ['CN'] }, first: 200 });
    const names = page.edges.map((edge) => edge.node.versionName);
    expect(names).toContain('DeepSeek-R1-Distill-Llama-70B');
    expect(names.every((name) => !name.startsWith('Qwen3'))).toBe(true);
  });

  it('filters by deployment facts and counts active deployments', async () => {
    const page = await list({ filter: { environments: ['PRODUCTION'] } });
    expect(page.edges.map((edge) => [edge.node.versionName, edge.node.deploymentCount]).sort()).toEqual([
      ['Qwen2.5-7B-Instruct', 1],
      ['gpt-4o-2024-08-06', 1],
    ]);
  });

  it('filters by approval status, including versions nobody has asked about', async () => {
    const revoked = await list({ filter: { approvalStates: ['REVOKED'] } });
    expect(revoked.edges.map((edge) => edge.node.versionName)).toEqual(['Yi-34B-Chat']);
    const asked = await list({ filter: { approvalStates: ['NONE'] }, first: 200 });
    const all = await list({ first: 200 });
    const withRequests = await api.prisma.approvalRequest.findMany({
      distinct: ['modelVersionId'],
      select: { modelVersionId: true },
    });
    expect(asked.totalCount).toBe(all.totalCount - withRequests.length);
    const faceted = await api.graphql<Connection>(LIST, { filter: { approvalStates: ['REVOKED'] }, facets: true }, reader);
    const states = new Map(faceted.body.data!.modelVersions.facets['approvalState']!.map((f) => [f.value, f]));
    // The facet ignores its own filter: every state of the demo stories is offered, and versions nobody asked about.
    expect(states.get('REVOKED')!.count).toBe(1);
    expect(states.get('NONE')).toMatchObject({ label: 'Not requested', count: asked.totalCount });
    const bad = await api.graphql(LIST, { filter: { approvalStates: ['MAYBE'] }, facets: false }, reader);
    expect(bad.body.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('filter.approvalStates.0');
  });

  it('pages with cursors through every version exactly once, in a stable order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total: number;
    do {
      const page: Connection['modelVersions'] = await list({
        first: 25,
        after,
        orderBy: { field: 'RELEASE_DATE', direction: 'DESC' },
      });
      total = page.totalCount;
      seen.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBeGreaterThanOrEqual(81);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('refuses page sizes out of bounds and foreign cursors with field errors', async () => {
    const tooMany = await api.graphql(LIST, { first: 201, facets: false }, reader);
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'first', reason: 'must be at most 200' }],
    });
    const badCursor = await api.graphql(LIST, { after: 'not-a-cursor', facets: false }, reader);
    expect(badCursor.body.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'after' }] });
    const badCountry = await api.graphql(LIST, { filter: { developerCountries: ['XX'] }, facets: false }, reader);
    expect(badCountry.body.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('filter.developerCountries.0');
  });

  it('reads the same rows in one statement as the Prisma filter and order, for every filter and sort', async () => {
    const repository = api.app.get(InventoryRepository);
    const prisma = api.app.get(PrismaService);
    const mistral = await prisma.provider.findFirstOrThrow({ where: { key: 'mistral-ai' } });
    const filters: Record<string, unknown>[] = [
      {},
      { includeRetired: true },
      { search: 'llama' },
      { search: 'MISTRAL' },
      { search: 'a_b%' },
      { providerIds: [mistral.id] },
      { developerCountries: ['CN', 'FR'] },
      { effectiveOrigins: ['US'] },
      { distributions: ['OPEN_WEIGHTS'] },
      { licenseClasses: ['PERMISSIVE', 'NON_COMMERCIAL'] },
      { environments: ['PRODUCTION'] },
      { hostingModes: ['VENDOR_API', 'ON_PREMISES'] },
      { dataClassifications: ['INTERNAL'], environments: ['DEVELOPMENT', 'STAGING'] },
      { approvalStates: ['REVOKED'] },
      { approvalStates: ['NONE'] },
      { approvalStates: ['APPROVED', 'NONE'], developerCountries: ['US'] },
    ];
    const orders = ['NAME', 'PROVIDER', 'RELEASE_DATE', 'PARAMETER_COUNT', 'UPDATED_AT'].flatMap((field) =>
      ['ASC', 'DESC'].map((direction) => ({ field, direction })),
    );
    const cases = [
      ...filters.map((filter) => ({ filter, orderBy: null })),
      ...orders.map((orderBy) => ({ filter: {}, orderBy })),
    ];
    let listedRequests = 0;
    for (const { filter, orderBy } of cases) {
      const args = modelVersionsArgsSchema.parse({ filter, orderBy, first: 200 });
      const [list, expected, total] = await Promise.all([
        repository.findModelVersionListPage(modelVersionWhereSql(args.filter), modelVersionOrderSql(args.orderBy), 0, 200, {
          columns: MODEL_VERSION_COLUMNS,
          provider: PROVIDER_COLUMNS,
          deploymentCount: true,
          approvalRequests: APPROVAL_REQUEST_COLUMNS,
          totalCount: true,
        }),
        prisma.modelVersion.findMany({
          where: modelVersionWhere(args.filter),
          orderBy: modelVersionOrderBy(args.orderBy),
          take: 200,
          select: modelVersionSelect,
        }),
        prisma.modelVersion.count({ where: modelVersionWhere(args.filter) }),
      ]);
      const label = JSON.stringify({ filter, orderBy });
      expect({ label, rows: list.map((row) => row.version) }).toEqual({ label, rows: expected });
      expect(list.every((row) => row.totalCount === total)).toBe(true);
      const providers = new Map(
        (await repository.findProvidersByIds(expected.map((row) => row.providerId))).map((p) => [p.id, p]),
      );
      expect(list.map((row) => row.provider)).toEqual(expected.map((row) => providers.get(row.providerId)));
      const deployments = new Map(
        (await repository.countActiveDeploymentsOfVersions(expected.map((row) => row.id))).map((row) => [
          row.modelVersionId,
          row._count._all,
        ]),
      );
      expect(list.map((row) => row.activeDeploymentCount)).toEqual(expected.map((row) => deployments.get(row.id) ?? 0));
      const requests = await prisma.approvalRequest.findMany({
        where: { modelVersionId: { in: expected.map((row) => row.id) } },
        select: approvalRequestSelect,
        orderBy: [{ updatedAt: 'desc' }, { number: 'desc' }],
      });
      expect({ label, requests: list.map((row) => row.approvalRequests) }).toEqual({
        label,
        requests: expected.map((version) => requests.filter((request) => request.modelVersionId === version.id)),
      });
      listedRequests += requests.length;
    }
    // The demo data has requests in every state, with conditions, scopes and dates to compare.
    expect(listedRequests).toBeGreaterThan(20);
    expect(cases.length).toBeGreaterThan(20);
  });

  it('counts every facet in one statement as the Prisma filter without that facet selects versions', async () => {
    const prisma = api.app.get(PrismaService);
    const queries = api.app.get(InventoryQueriesService);
    const mistral = await prisma.provider.findFirstOrThrow({ where: { key: 'mistral-ai' } });
    const filters: Record<string, unknown>[] = [
      {},
      { includeRetired: true },
      { search: 'llama' },
      { providerIds: [mistral.id], licenseClasses: ['PERMISSIVE'] },
      { developerCountries: ['CN', 'FR'], effectiveOrigins: ['US'] },
      { environments: ['PRODUCTION'], hostingModes: ['VENDOR_API', 'ON_PREMISES'] },
      { dataClassifications: ['INTERNAL'], environments: ['DEVELOPMENT', 'STAGING'] },
      { approvalStates: ['APPROVED', 'NONE'], distributions: ['OPEN_WEIGHTS'] },
    ];
    const byCount = (a: { count: number; label: string }, b: { count: number; label: string }) =>
      b.count - a.count || a.label.localeCompare(b.label);
    let counted = 0;
    for (const filterInput of filters) {
      const { filter } = modelVersionsArgsSchema.parse({ filter: filterInput });
      const facets: Record<FacetName, { value: string; label: string; count: number }[]> = await queries.facets(filter);
      for (const facet of Object.keys(FACET_FILTERS) as FacetName[]) {
        // The reference: the versions the filter without this facet selects, with the facts each facet reads, counted here.
        const versions = await prisma.modelVersion.findMany({
          where: modelVersionWhere(withoutFacet(filter, facet)),
          select: {
            id: true,
            providerId: true,
            developerCountry: true,
            effectiveOrigin: true,
            distribution: true,
            licenseClass: true,
            deployments: {
              where: { status: 'ACTIVE' },
              select: { environment: true, dataClassification: true, hostingTarget: { select: { mode: true } } },
            },
            approvalRequests: { select: { state: true } },
          },
        });
        const valuesOf = (version: (typeof versions)[number]): string[] => {
          switch (facet) {
            case 'provider':
              return [version.providerId];
            case 'developerCountry':
              return [version.developerCountry];
            case 'effectiveOrigin':
              return version.effectiveOrigin;
            case 'distribution':
              return [version.distribution];
            case 'licenseClass':
              return [version.licenseClass];
            case 'hostingMode':
              return [...new Set(version.deployments.map((d) => d.hostingTarget.mode))];
            case 'environment':
              return [...new Set(version.deployments.map((d) => d.environment))];
            case 'dataClassification':
              return [...new Set(version.deployments.map((d) => d.dataClassification))];
            case 'approvalState':
              return version.approvalRequests.length ? [...new Set(version.approvalRequests.map((r) => r.state))] : ['NONE'];
          }
        };
        const expected = new Map<string, number>();
        for (const version of versions)
          for (const value of valuesOf(version)) expected.set(value, (expected.get(value) ?? 0) + 1);
        const label = JSON.stringify({ filter: filterInput, facet });
        expect({ label, counts: new Map(facets[facet].map((f) => [f.value, f.count])) }).toEqual({ label, counts: expected });
        expect(facets[facet]).toEqual([...facets[facet]].sort(byCount));
        counted += expected.size;
      }
      const providerNames = new Map(
        (await prisma.provider.findMany({ select: { id: true, name: true } })).map((p) => [p.id, p.name]),
      );
      expect(facets.provider.every((f) => f.label === providerNames.get(f.value))).toBe(true);
    }
    expect(counted).toBeGreaterThan(100);
  });

  it('answers every field of a listed version as the single-version query does, through fragments and aliases', async () => {
    const fields = /* GraphQL */ `
      fragment Facts on ModelVersion {
        id
        key
        familyName
        name: versionName
        developerCountry
        supplier
        distribution
        sourceUrl
        huggingFaceRepo
        revision
        weightsSha256
        releaseDate
        parameterCount
        modalities
        contextLength
        task
        modelCardUrl
        trainingDataUrl
        intendedUse
        limitations
        declaredLicense
        concludedLicense
        effectiveOrigin
        licenseClass
        obligations {
          commercialUse
          userCap
          attributionTexts
          incomplete
        }
        lineageProblem
        verified
        version
        retiredAt
        createdAt
        updatedAt
        ... on ModelVersion {
          provider {
            id
            name
            website
          }
        }
        deploymentCount
        licenses {
          licenseId
        }
        uncataloguedLicenseIds
      }
    `;
    const listed = await api.graphql<{ modelVersions: { edges: { node: { id: string } }[] } }>(
      `query { modelVersions(first: 20, orderBy: { field: RELEASE_DATE, direction: DESC }) { edges { node { ...Facts } } } } ${fields}`,
      {},
      reader,
    );
    expect(listed.body.errors).toBeUndefined();
    const nodes = listed.body.data!.modelVersions.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(20);
    for (const node of nodes) {
      const single = await api.graphql<{ modelVersion: unknown }>(
        `query ($id: ID!) { modelVersion(id: $id) { ...Facts } } ${fields}`,
        { id: node.id },
        reader,
      );
      expect(node).toEqual(single.body.data!.modelVersion);
    }
    const approvals = /* GraphQL */ `
      fragment Approvals on ModelVersion {
        id
        approvalRequests {
          id
          reference
          state
          cycle
          weightsSha256
          createdAt
          decidedAt
          validUntil
          coversCurrentWeights
          scope {
            environments
            maxDataClassification
            expectedUsers
          }
          conditions {
            kind
            description
          }
        }
        states: approvalRequests {
          state
        }
      }
    `;
    const listedApprovals = await api.graphql<{
      modelVersions: { edges: { node: { id: string; approvalRequests: unknown[] } }[] };
    }>(
      `query { modelVersions(first: 10, filter: { approvalStates: ["APPROVED", "APPROVED_WITH_CONDITIONS", "REJECTED", "IN_REVIEW"] }) { edges { node { ...Approvals } } } } ${approvals}`,
      {},
      reader,
    );
    expect(listedApprovals.body.errors).toBeUndefined();
    const withApprovals = listedApprovals.body.data!.modelVersions.edges.map((edge) => edge.node);
    expect(withApprovals.length).toBeGreaterThanOrEqual(5);
    expect(withApprovals.every((node) => node.approvalRequests.length > 0)).toBe(true);
    for (const node of withApprovals) {
      const single = await api.graphql<{ modelVersion: unknown }>(
        `query ($id: ID!) { modelVersion(id: $id) { ...Approvals } } ${approvals}`,
        { id: node.id },
        reader,
      );
      expect(node).toEqual(single.body.data!.modelVersion);
    }
  });

  it('gives the total past the last page and on an empty list', async () => {
    const all = await list({ first: 200 });
    const past = await list({ first: 10, after: encodeCursor(all.totalCount + 5) });
    expect(past.edges).toHaveLength(0);
    expect(past.totalCount).toBe(all.totalCount);
    const none = await list({ filter: { search: 'no model is called this' } });
    expect(none).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('lists 10, 50 and 100 versions with provider, deployment count, approvals and total in 2 statements, for a session or an API token', async () => {
    const provider = await api.prisma.provider.findFirstOrThrow({ where: { key: 'mistral-ai' } });
    await api.prisma.modelVersion.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({
        key: `extra-${i}`,
        providerId: provider.id,
        familyName: 'Extra',
        versionName: `Extra-${i}`,
        developerCountry: 'FR',
        supplier: 'Hugging Face',
        distribution: 'OPEN_WEIGHTS' as const,
        modalities: ['TEXT' as const],
        declaredLicense: 'Apache-2.0',
      })),
    });
    const secret = formatApiToken(randomBytes(32));
    await api.prisma.apiToken.create({
      data: {
        name: `inventory reader ${uniqueSuffix()}`,
        prefix: apiTokenPrefix(secret),
        tokenHash: hashApiToken(secret),
        scopes: ['models:read', 'approvals:read'],
        userId: reader.userId,
        createdById: reader.userId,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const bearer = { bearer: secret };
    const prisma = api.app.get(PrismaService);
    const statementsFor = async (query: string, first: number, credentials: TestSession | typeof bearer) => {
      const before = prisma.statementsIssued;
      const response = await api.graphql<Connection>(
        query,
        { first, facets: false, filter: { includeRetired: true } },
        credentials,
      );
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.modelVersions.edges).toHaveLength(first);
      return prisma.statementsIssued - before;
    };
    // The token's first use records lastUsedAt; later uses within a minute write nothing.
    await statementsFor(INVENTORY, 10, bearer);
    for (const credentials of [reader, bearer]) {
      const counts = [];
      for (const first of [10, 50, 100]) counts.push(await statementsFor(INVENTORY, first, credentials));
      // Resolving the caller (one join), and the page with its providers, deployment counts, approval requests and total.
      expect(counts).toEqual([2, 2, 2]);
    }
    // The per-row field resolvers are still authorised: a token that may read the inventory but not approvals is
    // refused the versions' approval requests.
    const modelsOnly = formatApiToken(randomBytes(32));
    await api.prisma.apiToken.create({
      data: {
        name: `inventory-only reader ${uniqueSuffix()}`,
        prefix: apiTokenPrefix(modelsOnly),
        tokenHash: hashApiToken(modelsOnly),
        scopes: ['models:read'],
        userId: reader.userId,
        createdById: reader.userId,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const refusalsAudited = () =>
      api.prisma.auditEvent.count({ where: { action: 'access.denied', entityId: 'ModelVersion.approvalRequests' } });
    const auditedBefore = await refusalsAudited();
    const refused = await api.graphql<Connection>(INVENTORY, { first: 5 }, { bearer: modelsOnly });
    expect(refused.body.errors?.length).toBeGreaterThan(0);
    expect(refused.body.errors!.every((error) => error.path?.at(-1) === 'approvalRequests')).toBe(true);
    expect(refused.body.errors!.every((error) => error.extensions?.['code'] === 'FORBIDDEN')).toBe(true);
    // One audit event for the request, however many rows asked.
    expect((await refusalsAudited()) - auditedBefore).toBe(1);
    // More fields cost one batched statement each, however long the page.
    const wide = [await statementsFor(LIST, 10, reader), await statementsFor(LIST, 100, reader)];
    expect(wide[1]).toBe(wide[0]);
    expect(wide[0]).toBeLessThanOrEqual(4);
  });
});
