import type { Prisma } from '@modelgate/db';

/** Demo hosting targets: one of each common situation. Operator facts are illustrative demo data. */
export const DEMO_HOSTING_TARGETS = [
  {
    name: 'On-premises GPU cluster (Frankfurt)',
    mode: 'ON_PREMISES',
    operator: 'Northwind IT',
    region: 'fra-dc-1',
    country: 'DE',
    retentionDays: 0,
    trainsOnInputs: 'NO',
    zeroDataRetention: true,
  },
  {
    name: 'Azure OpenAI (Sweden Central)',
    mode: 'THIRD_PARTY_HOSTED',
    operator: 'Microsoft',
    region: 'swedencentral',
    country: 'SE',
    retentionDays: 30,
    trainsOnInputs: 'NO',
    zeroDataRetention: false,
  },
  {
    name: 'DeepSeek API',
    mode: 'VENDOR_API',
    operator: 'DeepSeek',
    region: null,
    country: 'CN',
    retentionDays: null,
    trainsOnInputs: 'UNKNOWN',
    zeroDataRetention: false,
  },
] as const satisfies readonly Prisma.HostingTargetCreateInput[];

type DemoDeployment = Pick<
  Prisma.DeploymentCreateManyInput,
  'application' | 'environment' | 'dataClassification' | 'personalData' | 'purpose' | 'euAiActCategory'
> & { versionKey: string; team: string; hostingTarget: string; registeredBy: string };

export const DEMO_DEPLOYMENTS: readonly DemoDeployment[] = [
  {
    versionKey: 'qwen2.5-7b-instruct',
    team: 'payments-platform',
    hostingTarget: 'On-premises GPU cluster (Frankfurt)',
    registeredBy: 'engineer@demo.modelgate.local',
    application: 'Invoice field extraction',
    environment: 'PRODUCTION',
    dataClassification: 'CONFIDENTIAL',
    personalData: true,
    purpose: 'Extracts payee, amount and due date from scanned supplier invoices.',
    euAiActCategory: 'MINIMAL',
  },
  {
    versionKey: 'gpt-4o-2024-08-06',
    team: 'customer-support-ai',
    hostingTarget: 'Azure OpenAI (Sweden Central)',
    registeredBy: 'compliance@demo.modelgate.local',
    application: 'Support reply assistant',
    environment: 'PRODUCTION',
    dataClassification: 'INTERNAL',
    personalData: true,
    purpose: 'Drafts replies to customer e-mails for an agent to review.',
    euAiActCategory: 'TRANSPARENCY',
  },
  {
    versionKey: 'deepseek-r1',
    team: 'payments-platform',
    hostingTarget: 'DeepSeek API',
    registeredBy: 'engineer@demo.modelgate.local',
    application: 'Reconciliation prototype',
    environment: 'DEVELOPMENT',
    dataClassification: 'PUBLIC',
    personalData: false,
    purpose: 'Evaluates reasoning quality on synthetic reconciliation cases.',
    euAiActCategory: 'MINIMAL',
  },
];
