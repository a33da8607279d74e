import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DiscoveryService } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Role } from '@modelgate/domain/auth';
import { ErrorCode } from '@modelgate/domain/errors';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.js';
import { fieldRulesOf } from './field-authorization.js';

type Caller = Role | 'ANONYMOUS';
const ALL: Caller[] = ['ANONYMOUS', ...Object.values(Role)];
const SIGNED_IN: Caller[] = Object.values(Role);
/** Engineers register models and their teams' deployments; compliance officers keep the whole inventory. */
const INVENTORY_KEEPERS: Caller[] = [Role.ComplianceOfficer, Role.Engineer];
/** Engineers ask for approvals; compliance officers own the workflow. */
const REQUESTERS: Caller[] = [Role.ComplianceOfficer, Role.Engineer];
/** Reviewers and compliance officers review and decide; separation of duties is checked per request. */
const DECIDERS: Caller[] = [Role.ComplianceOfficer, Role.Reviewer];
const WEBHOOK_KEEPERS: Caller[] = [Role.Admin, Role.ComplianceOfficer];

/**
 * Who may call each root operation. Every operation of the schema must be listed: a new query or
 * mutation fails this test until someone decides who may use it.
 */
const EXPECTED_ACCESS: Record<string, readonly Caller[]> = {
  'Query.systemStatus': ALL,
  'Query.viewer': ALL,
  'Query.authOptions': ALL,
  'Query.setting': [Role.Admin, Role.ComplianceOfficer, Role.Auditor],
  'Query.settings': [Role.Admin, Role.ComplianceOfficer, Role.Auditor],
  'Query.auditEvents': [Role.Admin, Role.ComplianceOfficer, Role.Auditor],
  'Query.auditTrailVerification': [Role.Admin, Role.ComplianceOfficer, Role.Auditor],
  'Query.auditCheckpoints': [Role.Admin, Role.ComplianceOfficer, Role.Auditor],
  'Mutation.createAuditCheckpoint': [Role.Admin],
  'Query.reportExports': [Role.ComplianceOfficer, Role.Auditor],
  'Query.reportExport': [Role.ComplianceOfficer, Role.Auditor],
  'Query.reportSigningKey': [Role.ComplianceOfficer, Role.Auditor],
  'Mutation.createReportExport': [Role.ComplianceOfficer, Role.Auditor],
  'Query.users': SIGNED_IN,
  'Query.teams': SIGNED_IN,
  'Mutation.createUser': [Role.Admin],
  'Mutation.updateUser': [Role.Admin],
  'Mutation.createTeam': [Role.Admin],
  'Query.apiTokens': Object.values(Role),
  'Mutation.createApiToken': [Role.Admin, Role.ComplianceOfficer, Role.Reviewer, Role.Engineer],
  'Mutation.revokeApiToken': [Role.Admin, Role.ComplianceOfficer, Role.Reviewer, Role.Engineer],
  'Query.modelVersions': SIGNED_IN,
  'Query.modelVersion': SIGNED_IN,
  'Query.providers': SIGNED_IN,
  'Query.provider': SIGNED_IN,
  'Query.licenses': SIGNED_IN,
  'Query.hostingTargets': SIGNED_IN,
  'Query.deployments': SIGNED_IN,
  'Query.deployment': SIGNED_IN,
  'Query.inventoryExport': SIGNED_IN,
  'Mutation.createProvider': INVENTORY_KEEPERS,
  'Mutation.updateProvider': INVENTORY_KEEPERS,
  'Mutation.retireProvider': [Role.ComplianceOfficer],
  'Mutation.createModelVersion': INVENTORY_KEEPERS,
  'Mutation.updateModelVersion': INVENTORY_KEEPERS,
  'Mutation.attachModelWeights': INVENTORY_KEEPERS,
  'Mutation.retireModelVersion': [Role.ComplianceOfficer],
  'Mutation.createHostingTarget': INVENTORY_KEEPERS,
  'Mutation.updateHostingTarget': INVENTORY_KEEPERS,
  'Mutation.retireHostingTarget': [Role.ComplianceOfficer],
  'Mutation.createLicense': [Role.ComplianceOfficer],
  'Mutation.updateLicense': [Role.ComplianceOfficer],
  'Mutation.retireLicense': [Role.ComplianceOfficer],
  'Mutation.createDeployment': INVENTORY_KEEPERS,
  'Mutation.updateDeployment': INVENTORY_KEEPERS,
  'Mutation.retireDeployment': INVENTORY_KEEPERS,
  'Mutation.importInventory': INVENTORY_KEEPERS,
  'Query.approvalRequests': SIGNED_IN,
  'Query.approvalRequest': SIGNED_IN,
  'Query.reviewEvidence': SIGNED_IN,
  'Query.approvalPolicy': SIGNED_IN,
  'Mutation.createApprovalRequest': REQUESTERS,
  'Mutation.updateApprovalRequest': REQUESTERS,
  'Mutation.submitApprovalRequest': REQUESTERS,
  'Mutation.withdrawApprovalRequest': REQUESTERS,
  'Mutation.renewApproval': REQUESTERS,
  'Mutation.assignReview': DECIDERS,
  'Mutation.fileReview': DECIDERS,
  'Mutation.addReviewEvidence': DECIDERS,
  'Mutation.decideApprovalRequest': DECIDERS,
  'Mutation.changeApproval': [Role.ComplianceOfficer],
  'Mutation.updateApprovalPolicy': [Role.ComplianceOfficer],
  'Query.notifications': SIGNED_IN,
  'Query.unreadNotificationCount': SIGNED_IN,
  'Mutation.markNotificationsRead': SIGNED_IN,
  'Query.webhookSubscriptions': [...WEBHOOK_KEEPERS, Role.Auditor],
  'Query.webhookSubscription': [...WEBHOOK_KEEPERS, Role.Auditor],
  'Query.webhookDeliveries': [...WEBHOOK_KEEPERS, Role.Auditor],
  'Query.webhookEventTypes': [...WEBHOOK_KEEPERS, Role.Auditor],
  'Mutation.createWebhookSubscription': WEBHOOK_KEEPERS,
  'Mutation.updateWebhookSubscription': WEBHOOK_KEEPERS,
  'Mutation.deleteWebhookSubscription': WEBHOOK_KEEPERS,
  'Mutation.rotateWebhookSecret': WEBHOOK_KEEPERS,
  'Mutation.sendTestWebhook': WEBHOOK_KEEPERS,
  'Mutation.redeliverWebhook': WEBHOOK_KEEPERS,
  'Query.policyDecision': [Role.ComplianceOfficer, Role.Reviewer, Role.Engineer, Role.Auditor],
  'Query.modelReferenceMatches': [Role.ComplianceOfficer, Role.Reviewer, Role.Engineer, Role.Auditor],
  'Query.modelCardDraft': INVENTORY_KEEPERS,
  'Query.scanReports': [Role.ComplianceOfficer, Role.Reviewer, Role.Engineer, Role.Auditor],
  'Query.scanReport': [Role.ComplianceOfficer, Role.Reviewer, Role.Engineer, Role.Auditor],
  'Query.registrationDraftFromFinding': INVENTORY_KEEPERS,
  'Mutation.submitScanReport': [Role.ComplianceOfficer, Role.Engineer],
  'Query.dashboard': [Role.ComplianceOfficer, Role.Reviewer, Role.Engineer, Role.Auditor],
  'Query.policyInForce': SIGNED_IN,
  'Query.policyVersions': SIGNED_IN,
  'Query.policyPreview': SIGNED_IN,
  'Mutation.draftPolicyVersion': [Role.ComplianceOfficer],
  'Mutation.updatePolicyDraft': [Role.ComplianceOfficer],
  'Mutation.activatePolicyVersion': [Role.ComplianceOfficer],
  'Mutation.discardPolicyVersion': [Role.ComplianceOfficer],
  'Query.policyExceptions': SIGNED_IN,
  'Query.policyViolations': SIGNED_IN,
  'Mutation.requestPolicyException': INVENTORY_KEEPERS,
  'Mutation.changePolicyException': INVENTORY_KEEPERS,
  'Mutation.decidePolicyException': [Role.ComplianceOfficer],
  'Mutation.runDriftSweep': [Role.ComplianceOfficer],
  'Query.globalSearch': SIGNED_IN,
  'Mutation.signIn': ALL,
  'Mutation.signOut': ALL,
};

/** A syntactically valid value for an input type: the smallest thing that passes GraphQL validation. */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sampleValue(field.type)]),
    );
  }
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'DateTime':
        return '2026-01-01T00:00:00.000Z';
      case 'JSON':
        return {};
      default:
        return 'sample';
    }
  }
  return null;
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((arg: GraphQLArgument) => isNonNullType(arg.type));
  const declarations = required.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const argumentList = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  const query = `${kind}${declarations ? ` (${declarations})` : ''} { ${field.name}${argumentList ? `(${argumentList})` : ''}${selection} }`;
  const variables = Object.fromEntries(required.map((arg) => [arg.name, sampleValue(arg.type)]));
  return { query, variables };
}

async function rowCounts(api: TestApp) {
  const [users, teams, sessions, settings, tokens] = await Promise.all([
    api.prisma.user.count(),
    api.prisma.team.count(),
    api.prisma.session.count({ where: { revokedAt: null } }),
    api.prisma.appSetting.count(),
    api.prisma.apiToken.count(),
  ]);
  return { users, teams, sessions, settings, tokens };
}

describe('authorization of every root operation, for every role and anonymous callers', () => {
  let api: TestApp;
  let schema: GraphQLSchema;
  const users = new Map<Role, { email: string; password: string }>();

  beforeAll(async () => {
    api = await startTestApp();
    schema = api.app.get(GraphQLSchemaHost).schema;
    for (const role of Object.values(Role)) users.set(role, await api.createUser({ roles: [role] }));
  });
  afterAll(() => api.close());

  const rootOperations = () =>
    (['query', 'mutation'] as const).flatMap((kind) => {
      const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
      return Object.values(root?.getFields() ?? {}).map((field) => ({ kind, field, name: `${root!.name}.${field.name}` }));
    });

  it('has an access expectation for every operation in the schema', () => {
    const names = rootOperations()
      .map((op) => op.name)
      .sort();
    expect(names).toEqual(Object.keys(EXPECTED_ACCESS).sort());
  });

  it('gives every field resolver below the root operations a rule of its own, and nothing else', () => {
    const rules = fieldRulesOf(
      api.app
        .get(DiscoveryService)
        .getProviders()
        .map((provider) => provider.metatype),
    );
    const unruled = [...rules].filter(([, access]) => access === undefined).map(([field]) => field);
    expect(unruled).toEqual([]);
    // Each names a field the schema has; a renamed field would leave its rule behind.
    const missing = [...rules.keys()].filter((coordinate) => {
      const [type, field] = coordinate.split('.');
      const named = schema.getType(type!);
      return !isObjectType(named) || !named.getFields()[field!];
    });
    expect(missing).toEqual([]);
    expect(rules.size).toBeGreaterThan(40);
  });

  it('allows exactly the expected callers; a refusal is FORBIDDEN or UNAUTHENTICATED, audited, and changes nothing else', async () => {
    const outcomes: string[] = [];
    // Signing in costs a deliberate scrypt hash: one session per role, renewed only after signOut ends it.
    const sessions = new Map<Role, TestSession>();
    for (const { kind, field, name } of rootOperations()) {
      for (const caller of ALL) {
        let session: TestSession | undefined;
        if (caller !== 'ANONYMOUS') {
          const user = users.get(caller)!;
          session = sessions.get(caller) ?? (await api.signIn(user.email, user.password));
          sessions.set(caller, session);
          if (name === 'Mutation.signOut') sessions.delete(caller);
        }
        const before = await rowCounts(api);
        const deniedBefore = await api.prisma.auditEvent.count({ where: { action: 'access.denied' } });
        const { query, variables } = operationFor(kind, field);
        const result = await api.graphql(query, variables, session);
        const code = result.body.errors?.[0]?.extensions?.code;
        // The sample document must reach the guard; a schema-level refusal would prove nothing.
        expect({ operation: name, code }).not.toEqual({ operation: name, code: ErrorCode.GraphqlValidationFailed });
        const denied = code === ErrorCode.Forbidden || code === ErrorCode.Unauthenticated;
        const expectedAllowed = EXPECTED_ACCESS[name]?.includes(caller) ?? false;
        outcomes.push(`${name} as ${caller}: ${denied ? 'denied' : 'allowed'}`);

        expect({ operation: name, caller, allowed: !denied }).toEqual({ operation: name, caller, allowed: expectedAllowed });
        if (denied) {
          expect(code).toBe(caller === 'ANONYMOUS' ? ErrorCode.Unauthenticated : ErrorCode.Forbidden);
          expect(await rowCounts(api)).toEqual(before);
          expect(await api.prisma.auditEvent.count({ where: { action: 'access.denied' } })).toBe(deniedBefore + 1);
        }
      }
    }
    expect(outcomes.length).toBe(Object.keys(EXPECTED_ACCESS).length * ALL.length);
  });
});
