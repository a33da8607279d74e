import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { systemActor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { CatalogLoader } from '../inventory/catalog/catalog-loader.js';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';
import { unzipBundle } from './testing/report-fixture.js';

const CREATE_PROVIDER = `mutation ($input: CreateProviderInput!) { createProvider(input: $input) { id } }`;
const CREATE_VERSION = `mutation ($input: CreateModelVersionInput!) { createModelVersion(input: $input) { id version } }`;
const UPDATE_VERSION = `mutation ($input: UpdateModelVersionInput!) { updateModelVersion(input: $input) { id version } }`;
const CREATE_TARGET = `mutation ($input: CreateHostingTargetInput!) { createHostingTarget(input: $input) { id } }`;
const CREATE_DEPLOYMENT = `mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id version } }`;
const UPDATE_DEPLOYMENT = `mutation ($input: UpdateDeploymentInput!) { updateDeployment(input: $input) { id version } }`;
const RETIRE_DEPLOYMENT = `mutation ($input: RetireInput!) { retireDeployment(input: $input) { id version } }`;
const CREATE_EXPORT = `mutation ($input: CreateReportExportInput!) { createReportExport(input: $input) { status downloadPath } }`;

type Row = Record<string, unknown>;

describe('inventory as of a past moment, rebuilt from the audit trail', () => {
  let api: TestApp;
  let officer: TestSession;
  let auditor: TestSession;

  const call = async <T>(query: string, input: Record<string, unknown>, as = officer): Promise<T> => {
    const response = await api.graphql<Record<string, T>>(query, { input }, as);
    expect(response.body.errors).toBeUndefined();
    return Object.values(response.body.data!)[0]!;
  };

  /** A moment strictly between two changes (the audit clock has millisecond precision). */
  const moment = async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const instant = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    return instant;
  };

  const inventoryAt = async (asOf: string | null) => {
    const view = await call<{ status: string; downloadPath: string }>(
      CREATE_EXPORT,
      { type: 'INVENTORY', format: 'JSON', filters: asOf ? { asOf } : {} },
      auditor,
    );
    const response = await fetch(`${api.baseUrl}${view.downloadPath}`, { headers: { cookie: auditor.cookie } });
    const report = JSON.parse(
      new TextDecoder().decode(unzipBundle(new Uint8Array(await response.arrayBuffer())).get('report.json')),
    ) as {
      sections: Array<{ key: string; rows: Row[] }>;
    };
    const rowsOf = (key: string) => report.sections.find((section) => section.key === key)!.rows;
    return { versions: rowsOf('model-versions'), deployments: rowsOf('deployments') };
  };

  beforeAll(async () => {
    api = await startTestApp();
    officer = await api.signInAs(Role.ComplianceOfficer);
    auditor = await api.signInAs(Role.Auditor);
    // The catalog brings the license terms the policy needs to allow a deployment.
    await api.app
      .get(PrismaService)
      .$transaction((tx) => api.app.get(CatalogLoader).load(tx, systemActor('test-catalog')), { timeout: 60_000 });
  }, 90_000);
  afterAll(() => api.close());

  it('shows what ran, under which license and data class, at each moment between changes', async () => {
    const teamId = (await api.prisma.team.create({ data: { slug: 'claims', name: 'Claims' } })).id;
    const beforeAnything = await moment();
    const provider = await call<{ id: string }>(CREATE_PROVIDER, {
      name: 'Northwind Models',
      legalEntity: 'Northwind Models SAS',
      headquartersCountry: 'FR',
      type: 'COMPANY',
    });
    const version = await call<{ id: string; version: number }>(CREATE_VERSION, {
      familyName: 'Northwind',
      versionName: 'Northwind-7B-Instruct',
      providerId: provider.id,
      supplier: 'Hugging Face',
      distribution: 'OPEN_WEIGHTS',
      modalities: ['TEXT'],
      declaredLicense: 'Apache-2.0',
    });
    const target = await call<{ id: string }>(CREATE_TARGET, {
      name: 'Claims GPU pool',
      mode: 'ON_PREMISES',
      operator: 'Claims IT',
      country: 'FR',
      trainsOnInputs: 'NO',
      zeroDataRetention: true,
    });
    const deploymentFields = {
      modelVersionId: version.id,
      teamId,
      application: 'Claims summaries',
      environment: 'DEVELOPMENT',
      hostingTargetId: target.id,
      dataClassification: 'INTERNAL',
      personalData: false,
      purpose: 'Summarise claim files',
      euAiActCategory: 'MINIMAL',
    };
    const deployment = await call<{ id: string; version: number }>(CREATE_DEPLOYMENT, deploymentFields);
    const whileInternal = await moment();

    const updated = await call<{ id: string; version: number }>(UPDATE_DEPLOYMENT, {
      ...deploymentFields,
      id: deployment.id,
      expectedVersion: deployment.version,
      dataClassification: 'CONFIDENTIAL',
    });
    const relicensed = await call<{ version: number }>(UPDATE_VERSION, {
      id: version.id,
      expectedVersion: version.version,
      familyName: 'Northwind',
      versionName: 'Northwind-7B-Instruct',
      providerId: provider.id,
      supplier: 'Hugging Face',
      distribution: 'OPEN_WEIGHTS',
      modalities: ['TEXT'],
      declaredLicense: 'MIT',
    });
    expect(relicensed.version).toBe(2);
    const whileConfidential = await moment();

    await call(RETIRE_DEPLOYMENT, { id: updated.id, expectedVersion: updated.version });
    const afterRetirement = await moment();

    const northwindRows = (rows: Row[]) => rows.filter((row) => row.modelVersion === 'Northwind-7B-Instruct');

    expect(northwindRows((await inventoryAt(beforeAnything)).versions)).toEqual([]);

    const first = await inventoryAt(whileInternal);
    expect(northwindRows(first.versions)).toEqual([
      expect.objectContaining({
        provider: 'Northwind Models',
        developerCountry: 'FR',
        license: 'Apache-2.0',
        activeDeployments: 1,
      }),
    ]);
    expect(northwindRows(first.deployments)).toEqual([
      expect.objectContaining({
        application: 'Claims summaries',
        team: 'Claims',
        dataClassification: 'INTERNAL',
        license: 'Apache-2.0',
        hostingTarget: 'Claims GPU pool',
      }),
    ]);

    const second = await inventoryAt(whileConfidential);
    expect(northwindRows(second.deployments)).toEqual([
      expect.objectContaining({ dataClassification: 'CONFIDENTIAL', license: 'MIT' }),
    ]);

    const third = await inventoryAt(afterRetirement);
    expect(northwindRows(third.deployments)).toEqual([]);
    expect(northwindRows(third.versions)).toEqual([expect.objectContaining({ license: 'MIT', activeDeployments: 0 })]);

    // Today's inventory agrees with the reconstruction of this very moment.
    const now = await inventoryAt(null);
    const rebuilt = await inventoryAt(await moment());
    const identity = (row: Row) => [row.provider, row.modelVersion, row.license, row.activeDeployments];
    expect(northwindRows(rebuilt.versions).map(identity)).toEqual(northwindRows(now.versions).map(identity));
  });
});
