import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uniqueSuffix } from '@modelgate/db/testing';
import { Role } from '@modelgate/domain/auth';
import { ErrorCode } from '@modelgate/domain/errors';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';

type Hit = { kind: string; id: string; title: string; subtitle: string | null; url: string; match: string; retired: boolean };

const SEARCH = /* GraphQL */ `
  query ($query: String!, $first: Int) {
    globalSearch(query: $query, first: $first) {
      kind
      id
      title
      subtitle
      url
      match
      retired
    }
  }
`;

describe('global search over the inventory, the approval workflow and the people', () => {
  let api: TestApp;
  const sessions = new Map<Role, TestSession>();
  // A made-up name per run, so that nothing else in the database matches it.
  const s = uniqueSuffix();
  const word = `Quokka${s}`;
  const ids = {} as Record<
    'exact' | 'prefix' | 'substring' | 'retired' | 'provider' | 'request' | 'deployment' | 'person',
    string
  >;
  let requestNumber = 0;

  const search = async (query: string, as: Role, first?: number) => {
    const response = await api.graphql<{ globalSearch: Hit[] }>(SEARCH, { query, first }, sessions.get(as));
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.globalSearch;
  };
  const kindsOf = (hits: Hit[]) => [...new Set(hits.map((hit) => hit.kind))].sort();

  beforeAll(async () => {
    api = await startTestApp();
    for (const role of Object.values(Role)) sessions.set(role, await api.signInAs(role));

    const provider = await api.prisma.provider.create({
      data: {
        key: `quokka-labs-${s}`,
        name: `${word} Labs`,
        legalEntity: 'Quokka Research GmbH',
        headquartersCountry: 'DE',
        type: 'COMPANY',
      },
    });
    const other = await api.prisma.provider.create({
      data: { key: `mega-${s}`, name: `Mega Models ${s}`, headquartersCountry: 'US', type: 'COMPANY' },
    });
    const version = (data: {
      key: string;
      familyName: string;
      versionName: string;
      providerId: string;
      hf?: string;
      retired?: boolean;
    }) =>
      api.prisma.modelVersion.create({
        data: {
          key: data.key,
          providerId: data.providerId,
          familyName: data.familyName,
          versionName: data.versionName,
          huggingFaceRepo: data.hf ?? null,
          developerCountry: 'DE',
          supplier: 'Hugging Face',
          distribution: 'OPEN_WEIGHTS',
          retiredAt: data.retired ? new Date() : null,
        },
      });
    ids.exact = (await version({ key: `quokka-${s}`, familyName: word, versionName: word, providerId: provider.id })).id;
    ids.prefix = (
      await version({
        key: `quokka-${s}-7b-instruct`,
        familyName: `${word}-7B`,
        versionName: `${word}-7B-Instruct`,
        providerId: provider.id,
        hf: `acme-${s}/${word}-7B-Instruct`,
      })
    ).id;
    ids.substring = (
      await version({ key: `alias-${s}-turbo`, familyName: 'Mega', versionName: `Mega-${word}-Merge`, providerId: other.id })
    ).id;
    ids.retired = (
      await version({
        key: `legacy-${s}-01`,
        familyName: `Legacy${s}`,
        versionName: `${word}-0.1`,
        providerId: provider.id,
        retired: true,
      })
    ).id;
    ids.provider = provider.id;

    const team = await api.prisma.team.create({ data: { slug: `ledger-${s}`, name: `Ledger ${s}` } });
    const target = await api.prisma.hostingTarget.create({
      data: { name: `Rack ${s}`, mode: 'ON_PREMISES', operator: 'Us', country: 'DE', trainsOnInputs: 'NO' },
    });
    ids.deployment = (
      await api.prisma.deployment.create({
        data: {
          modelVersionId: ids.prefix,
          teamId: team.id,
          application: `${word} invoice reader`,
          environment: 'PRODUCTION',
          hostingTargetId: target.id,
          dataClassification: 'INTERNAL',
          personalData: false,
          purpose: 'Reads invoices.',
          euAiActCategory: 'MINIMAL',
          registeredVia: 'API',
        },
      })
    ).id;
    const request = await api.prisma.approvalRequest.create({
      data: {
        modelVersionId: ids.prefix,
        teamId: team.id,
        requestedVia: 'API',
        intendedUse: 'Invoice reading',
        environments: ['PRODUCTION'],
        hostingModes: ['ON_PREMISES'],
        maxDataClassification: 'INTERNAL',
        personalData: false,
        expectedUsers: 10n,
      },
    });
    ids.request = request.id;
    requestNumber = request.number;
    ids.person = (
      await api.prisma.user.create({
        data: { email: `quinn.${s}@example.com`, displayName: `Quinn ${word}`, roles: [Role.Engineer] },
      })
    ).id;
  }, 120_000);
  afterAll(() => api.close());

  it('ranks exact names first, then names starting with the query, then names containing it; retired ones last', async () => {
    const hits = await search(word, Role.Admin, 20);
    expect(hits.map((hit) => [hit.kind, hit.id, hit.match])).toEqual([
      ['MODEL_VERSION', ids.exact, 'EXACT'],
      ['MODEL_VERSION', ids.prefix, 'PREFIX'],
      ['MODEL_VERSION', ids.retired, 'PREFIX'],
      ['PROVIDER', ids.provider, 'PREFIX'],
      ['APPROVAL_REQUEST', ids.request, 'PREFIX'],
      ['DEPLOYMENT', ids.deployment, 'PREFIX'],
      ['MODEL_VERSION', ids.substring, 'SUBSTRING'],
      ['PERSON', ids.person, 'SUBSTRING'],
    ]);
    expect(hits.find((hit) => hit.id === ids.retired)?.retired).toBe(true);
    // `first` bounds the hits of all kinds together, keeping the best.
    expect((await search(word, Role.Admin, 2)).map((hit) => hit.id)).toEqual([ids.exact, ids.prefix]);
  });

  it('ignores case, and finds a name by every word of the query', async () => {
    expect((await search(word.toUpperCase(), Role.Admin, 20)).map((hit) => hit.id)).toEqual(
      (await search(word.toLowerCase(), Role.Admin, 20)).map((hit) => hit.id),
    );
    const byWords = await search(`instruct   ${word.toLowerCase()} 7b`, Role.Engineer);
    expect(byWords.map((hit) => [hit.kind, hit.id, hit.match])).toEqual([
      ['MODEL_VERSION', ids.prefix, 'WORDS'],
      ['APPROVAL_REQUEST', ids.request, 'WORDS'],
    ]);
  });

  it('finds a model version by its family, key (alias) and Hugging Face repository, with where to open it', async () => {
    const [version] = await search(`acme-${s}/${word}-7b`, Role.Reviewer);
    expect(version).toEqual({
      kind: 'MODEL_VERSION',
      id: ids.prefix,
      title: `${word}-7B-Instruct`,
      subtitle: `${word} Labs · acme-${s}/${word}-7B-Instruct`,
      url: `/inventory/versions/${ids.prefix}`,
      match: 'PREFIX',
      retired: false,
    });
    const byKey = await search(`alias-${s}`, Role.Reviewer);
    expect(byKey.map((hit) => [hit.id, hit.title, hit.match])).toEqual([[ids.substring, `Mega-${word}-Merge`, 'PREFIX']]);
    // A version whose name does not start with its family's is shown with both.
    const byFamily = await search(`legacy${s}`, Role.Reviewer);
    expect(byFamily.map((hit) => [hit.id, hit.title, hit.match, hit.retired])).toEqual([
      [ids.retired, `Legacy${s} ${word}-0.1`, 'EXACT', true],
    ]);
  });

  it('finds providers by name, key and legal entity', async () => {
    const hits = await search(`quokka-labs-${s}`, Role.Auditor);
    expect(hits).toEqual([
      {
        kind: 'PROVIDER',
        id: ids.provider,
        title: `${word} Labs`,
        subtitle: 'Quokka Research GmbH · DE',
        url: `/inventory/providers/${ids.provider}`,
        match: 'EXACT',
        retired: false,
      },
    ]);
  });

  it('finds an approval request by its reference or number, and deployments by application and team', async () => {
    for (const query of [`AR-${requestNumber}`, `ar${requestNumber}`, String(requestNumber)]) {
      const hits = await search(query, Role.ComplianceOfficer, 20);
      expect({ query, first: hits[0] }).toEqual({
        query,
        first: {
          kind: 'APPROVAL_REQUEST',
          id: ids.request,
          title: `AR-${requestNumber}`,
          subtitle: `${word}-7B-Instruct · Ledger ${s}`,
          url: `/approvals/${ids.request}`,
          match: 'EXACT',
          retired: false,
        },
      });
    }
    const deployments = (await search(`ledger ${s}`, Role.Engineer)).filter((hit) => hit.kind === 'DEPLOYMENT');
    expect(deployments).toEqual([
      {
        kind: 'DEPLOYMENT',
        id: ids.deployment,
        title: `${word} invoice reader`,
        subtitle: `${word}-7B-Instruct · Ledger ${s} · PRODUCTION`,
        url: `/inventory/deployments/${ids.deployment}`,
        match: 'EXACT',
        retired: false,
      },
    ]);
  });

  it('finds people by name and e-mail only for roles that read everyone, pointing at a page the role has', async () => {
    const byEmail = async (role: Role) => (await search(`quinn.${s}@`, role)).filter((hit) => hit.kind === 'PERSON');
    await expect(byEmail(Role.Admin)).resolves.toEqual([
      {
        kind: 'PERSON',
        id: ids.person,
        title: `Quinn ${word}`,
        subtitle: `quinn.${s}@example.com`,
        url: `/admin/people/${ids.person}`,
        match: 'PREFIX',
        retired: false,
      },
    ]);
    for (const role of [Role.ComplianceOfficer, Role.Auditor]) {
      expect((await byEmail(role)).map((hit) => hit.url)).toEqual([`/audit?actorId=${ids.person}`]);
    }
    // Engineers read only themselves; reviewers read people but have no page that shows them.
    for (const role of [Role.Engineer, Role.Reviewer]) expect(await byEmail(role)).toEqual([]);
  });

  it('gives each role the kinds it may read', async () => {
    const everything = word.toLowerCase();
    const allKinds = ['APPROVAL_REQUEST', 'DEPLOYMENT', 'MODEL_VERSION', 'PERSON', 'PROVIDER'];
    expect(kindsOf(await search(everything, Role.Admin, 20))).toEqual(allKinds);
    expect(kindsOf(await search(everything, Role.ComplianceOfficer, 20))).toEqual(allKinds);
    expect(kindsOf(await search(everything, Role.Auditor, 20))).toEqual(allKinds);
    const withoutPeople = allKinds.filter((kind) => kind !== 'PERSON');
    expect(kindsOf(await search(everything, Role.Reviewer, 20))).toEqual(withoutPeople);
    expect(kindsOf(await search(everything, Role.Engineer, 20))).toEqual(withoutPeople);

    const anonymous = await api.graphql(SEARCH, { query: word });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Unauthenticated);
  });

  it('takes LIKE wildcards in the query literally', async () => {
    // Unescaped, `_` would match the "-" of "…-7B-Instruct" and `%` anything.
    expect(await search(`${word}_7b`, Role.Admin)).toEqual([]);
    expect(await search(`${word}%instruct`, Role.Admin)).toEqual([]);
  });

  it('refuses an empty, blank or too long query and a bad page size, naming the argument', async () => {
    const refusal = async (variables: Record<string, unknown>) => {
      const response = await api.graphql(SEARCH, variables, sessions.get(Role.Engineer));
      const error = response.body.errors?.[0];
      return { code: error?.extensions?.code, fields: error?.extensions?.fields };
    };
    const empty = {
      code: ErrorCode.ValidationFailed,
      fields: [{ field: 'query', reason: 'must not be empty: type part of a name, an e-mail or a request reference' }],
    };
    await expect(refusal({ query: '' })).resolves.toEqual(empty);
    await expect(refusal({ query: ' \t ' })).resolves.toEqual(empty);
    await expect(refusal({ query: 'x'.repeat(101) })).resolves.toEqual({
      code: ErrorCode.ValidationFailed,
      fields: [{ field: 'query', reason: 'must be at most 100 characters' }],
    });
    await expect(refusal({ query: 'qwen', first: 0 })).resolves.toEqual({
      code: ErrorCode.ValidationFailed,
      fields: [{ field: 'first', reason: 'must be at least 1' }],
    });
    await expect(refusal({ query: 'qwen', first: 21 })).resolves.toEqual({
      code: ErrorCode.ValidationFailed,
      fields: [{ field: 'first', reason: 'must be at most 20' }],
    });
  });
});
