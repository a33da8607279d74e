import { z } from 'zod';
import { RiskTier } from '../approvals/risk.js';
import { REQUEST_STATES } from '../approvals/state-machine.js';
import { countryCodeSchema } from '../inventory/countries.js';
import { environmentSchema } from '../inventory/enums.js';
import { licenseClassSchema } from '../inventory/queries.js';

export const ReportType = {
  Inventory: 'INVENTORY',
  Approvals: 'APPROVALS',
  RiskRegister: 'RISK_REGISTER',
  PolicyCompliance: 'POLICY_COMPLIANCE',
  AuditTrail: 'AUDIT_TRAIL',
  MlBom: 'ML_BOM',
} as const;
export type ReportType = (typeof ReportType)[keyof typeof ReportType];
export const REPORT_TYPES = Object.values(ReportType);

export const ReportFormat = { Csv: 'CSV', Xlsx: 'XLSX', Pdf: 'PDF', Json: 'JSON', CycloneDx: 'CYCLONEDX' } as const;
export type ReportFormat = (typeof ReportFormat)[keyof typeof ReportFormat];
export const REPORT_FORMATS = Object.values(ReportFormat);

const TABLE_FORMATS: readonly ReportFormat[] = [ReportFormat.Csv, ReportFormat.Xlsx, ReportFormat.Pdf, ReportFormat.Json];

type ReportTypeInfo = {
  title: string;
  description: string;
  formats: readonly ReportFormat[];
  /** Which filters apply; others are refused rather than silently ignored. */
  filters: readonly ReportFilterName[];
};

export type ReportFilterName = keyof z.input<typeof reportFiltersObject>;

export const REPORT_TYPE_INFO: Record<ReportType, ReportTypeInfo> = {
  INVENTORY: {
    title: 'Model inventory',
    description:
      'Every model version and deployment with provider, origin, license and approval, as of now or reconstructed from the audit trail for a past date.',
    formats: TABLE_FORMATS,
    filters: ['asOf', 'teamIds', 'environments', 'developerCountries', 'effectiveOrigins', 'licenseClasses', 'riskTiers'],
  },
  APPROVALS: {
    title: 'Approvals and decisions',
    description:
      'Requests submitted or decided in the period: scope, risk reviews with ratings and findings, approvers, conditions, validity, policy version and evidence with SHA-256.',
    formats: TABLE_FORMATS,
    filters: [
      'from',
      'to',
      'teamIds',
      'environments',
      'developerCountries',
      'effectiveOrigins',
      'licenseClasses',
      'riskTiers',
      'states',
    ],
  },
  RISK_REGISTER: {
    title: 'Risk register',
    description:
      'Every model version in use with its risk tier, open findings, required mitigations and the date its approval must be renewed.',
    formats: TABLE_FORMATS,
    filters: ['teamIds', 'environments', 'developerCountries', 'effectiveOrigins', 'licenseClasses', 'riskTiers'],
  },
  POLICY_COMPLIANCE: {
    title: 'Policy compliance',
    description: 'Violations and drift, exceptions (active and expired) and the decisions made by the CI gate in the period.',
    formats: TABLE_FORMATS,
    filters: ['from', 'to', 'teamIds', 'environments', 'developerCountries', 'effectiveOrigins', 'licenseClasses'],
  },
  AUDIT_TRAIL: {
    title: 'Audit trail extract',
    description:
      'The audit events of the period, actor or record, with before/after and each event’s hash, so the extract can be checked against the chain.',
    formats: TABLE_FORMATS,
    filters: ['from', 'to', 'actorId', 'action', 'entityType', 'entityId'],
  },
  ML_BOM: {
    title: 'ML bill of materials (CycloneDX 1.6)',
    description:
      'The model versions an application or a team runs, as a CycloneDX 1.6 ML-BOM: supplier, developer, license, hashes, base models and model card.',
    formats: [ReportFormat.CycloneDx],
    filters: ['application', 'teamIds'],
  },
};

const day = z.iso.date('must be a date written YYYY-MM-DD');

const listOf = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .max(300, 'must list at most 300 values')
    .nullish()
    .transform((value) => value ?? []);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => value || null);

const reportFiltersObject = z.object({
  /** Period start, inclusive (UTC day). */
  from: day.nullish().transform((value) => value ?? null),
  /** Period end, inclusive (UTC day). */
  to: day.nullish().transform((value) => value ?? null),
  /** Inventory only: reconstruct the inventory as it stood at the end of this day (UTC), or at this instant. */
  asOf: z
    .union([day, z.iso.datetime({ offset: true, error: 'must be a date (YYYY-MM-DD) or a date and time (ISO 8601)' })], {
      error: 'must be a date (YYYY-MM-DD) or a date and time (ISO 8601)',
    })
    .nullish()
    .transform((value) => value ?? null),
  teamIds: listOf(z.uuid('must be team ids')),
  environments: listOf(environmentSchema),
  developerCountries: listOf(countryCodeSchema),
  effectiveOrigins: listOf(countryCodeSchema),
  licenseClasses: listOf(licenseClassSchema),
  riskTiers: listOf(z.enum(Object.values(RiskTier), { error: () => `must be one of ${Object.values(RiskTier).join(', ')}` })),
  /** Approval request states. */
  states: listOf(z.enum(REQUEST_STATES, { error: () => `must be one of ${REQUEST_STATES.join(', ')}` })),
  actorId: z
    .uuid('must be a person id')
    .nullish()
    .transform((value) => value ?? null),
  action: optionalText(64),
  entityType: optionalText(64),
  entityId: optionalText(64),
  /** ML-BOM: the application whose models it lists (exactly as registered on its deployments). */
  application: optionalText(200),
});
export type ReportFilters = z.output<typeof reportFiltersObject>;

const isSet = (value: unknown) => (Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined);

export const createReportExportInputSchema = z
  .object({
    type: z.enum(REPORT_TYPES, { error: () => `must be one of ${REPORT_TYPES.join(', ')}` }),
    format: z.enum(REPORT_FORMATS, { error: () => `must be one of ${REPORT_FORMATS.join(', ')}` }),
    filters: reportFiltersObject.nullish().transform((value) => value ?? reportFiltersObject.parse({})),
  })
  .superRefine(({ type, format, filters }, ctx) => {
    const info = REPORT_TYPE_INFO[type];
    if (!info.formats.includes(format)) {
      ctx.addIssue({ code: 'custom', path: ['format'], message: `must be one of ${info.formats.join(', ')} for this report` });
    }
    for (const [name, value] of Object.entries(filters)) {
      if (isSet(value) && !info.filters.includes(name as ReportFilterName)) {
        ctx.addIssue({
          code: 'custom',
          path: ['filters', name],
          message: `does not apply to the ${info.title.toLowerCase()} report`,
        });
      }
    }
    if (filters.asOf && asOfInstant(filters.asOf).getTime() > Date.now() + 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['filters', 'asOf'], message: 'must not be in the future' });
    }
    if (filters.from && filters.to && filters.from > filters.to) {
      ctx.addIssue({ code: 'custom', path: ['filters', 'to'], message: 'must not be before the start of the period' });
    }
    if (type === ReportType.MlBom && !filters.application && filters.teamIds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['filters', 'application'],
        message: 'name an application, or choose exactly one team',
      });
    }
  });
export type CreateReportExportInput = z.output<typeof createReportExportInputSchema>;

/** The start of `from` and the end of `to` (exclusive) as instants, UTC. */
export function periodOf(filters: Pick<ReportFilters, 'from' | 'to'>): { start: Date | null; end: Date | null } {
  const start = filters.from ? new Date(`${filters.from}T00:00:00.000Z`) : null;
  const end = filters.to ? new Date(new Date(`${filters.to}T00:00:00.000Z`).getTime() + 86_400_000) : null;
  return { start, end };
}

/** The instant an inventory `asOf` stands for: the end of a day, or the exact time given. */
export function asOfInstant(asOf: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? periodOf({ from: null, to: asOf }).end! : new Date(asOf);
}

export const ReportExportStatus = { Queued: 'QUEUED', Running: 'RUNNING', Ready: 'READY', Failed: 'FAILED' } as const;
export type ReportExportStatus = (typeof ReportExportStatus)[keyof typeof ReportExportStatus];

/** Exports expected to hold more rows than this run as background jobs; smaller ones complete in the request. */
export const INLINE_EXPORT_MAX_ROWS = 5_000;
