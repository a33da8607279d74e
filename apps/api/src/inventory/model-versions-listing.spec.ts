import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { PrismaService } from '../database/prisma.service.js';
import { DemoDataSeeder } from '../seed/demo-data.seeder.js';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';

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

  it('lists 10 and 100 versions with provider, licenses, deployment count and approvals in the same small number of statements', async () => {
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
    const prisma = api.app.get(PrismaService);
    const statementsFor = async (first: number) => {
      const before = prisma.statementsIssued;
      const page = await list({ first, filter: { includeRetired: true } });
      expect(page.edges).toHaveLength(first);
      return prisma.statementsIssued - before;
    };
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred).toBe(ten);
    // Resolving the session costs 4 (session, person, memberships, teams); the list itself 6: the page,
    // the count, and one batched query each for providers, licenses, deployment counts and approval cycles.
    expect(ten).toBeLessThanOrEqual(10);
  });
});
