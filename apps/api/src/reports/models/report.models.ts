import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  REPORT_FORMATS,
  REPORT_TYPES,
  ReportExportStatus,
  type ReportExportStatus as ReportExportStatusValue,
  type ReportFormat,
  type ReportType,
} from '@modelgate/domain/reports';
import { ApprovalStateEnum, RiskTierEnum } from '../../approvals/models/approval.models.js';
import { JSONScalar } from '../../common/graphql/json.scalar.js';
import { EnvironmentEnum, LicenseClassEnum } from '../../inventory/models/inventory-enums.js';

const valueKeyed = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [V in T]: V };

export const ReportTypeEnum = valueKeyed(REPORT_TYPES);
registerEnumType(ReportTypeEnum, { name: 'ReportType', description: 'Which report to export.' });
export const ReportFormatEnum = valueKeyed(REPORT_FORMATS);
registerEnumType(ReportFormatEnum, {
  name: 'ReportFormat',
  description: 'CSV (one file per section), XLSX (one sheet per section), PDF, JSON; CYCLONEDX for the ML-BOM.',
});
export const ReportExportStatusEnum = valueKeyed(Object.values(ReportExportStatus));
registerEnumType(ReportExportStatusEnum, { name: 'ReportExportStatus' });

@InputType({ description: 'Which rows the report holds. Filters that do not apply to the chosen report are refused.' })
export class ReportFiltersInput {
  @Field(() => String, { nullable: true, description: 'Period start, YYYY-MM-DD (UTC), inclusive.' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Period end, YYYY-MM-DD (UTC), inclusive.' })
  to?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Inventory only: the inventory as it stood at the end of this day (UTC), rebuilt from the audit trail.',
  })
  asOf?: string | null;

  @Field(() => [ID], { nullable: true })
  teamIds?: string[] | null;

  @Field(() => [EnvironmentEnum], { nullable: true })
  environments?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes.' })
  developerCountries?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes anywhere in the lineage.' })
  effectiveOrigins?: string[] | null;

  @Field(() => [LicenseClassEnum], { nullable: true })
  licenseClasses?: string[] | null;

  @Field(() => [RiskTierEnum], { nullable: true })
  riskTiers?: string[] | null;

  @Field(() => [ApprovalStateEnum], { nullable: true, description: 'Approval request states.' })
  states?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Audit trail: events by this person.' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Audit trail: events with this action, e.g. approval_vote.approve.' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Audit trail: events about this record type, e.g. ModelVersion.' })
  entityType?: string | null;

  @Field(() => String, { nullable: true, description: 'Audit trail: events about this record.' })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'ML-BOM: the application, as named on its deployments.' })
  application?: string | null;
}

@InputType()
export class CreateReportExportInput {
  @Field(() => ReportTypeEnum)
  type!: ReportType;

  @Field(() => ReportFormatEnum)
  format!: ReportFormat;

  @Field(() => ReportFiltersInput, { nullable: true })
  filters?: ReportFiltersInput | null;
}

@ObjectType({ description: 'A report export: queued, running (with progress) or ready to download as a signed bundle.' })
export class ReportExport {
  @Field(() => ID)
  id!: string;

  @Field(() => ReportTypeEnum)
  type!: ReportType;

  @Field(() => ReportFormatEnum)
  format!: ReportFormat;

  @Field(() => JSONScalar, { description: 'The filters as validated.' })
  filters!: unknown;

  @Field(() => ReportExportStatusEnum)
  status!: ReportExportStatusValue;

  @Field(() => Int, { nullable: true, description: 'Rows counted before writing.' })
  rowsTotal!: number | null;

  @Field(() => Int)
  rowsWritten!: number;

  @Field(() => Float, { description: 'From 0 to 1.' })
  progress!: number;

  @Field(() => String, { nullable: true, description: 'The bundle’s file name once ready.' })
  fileName!: string | null;

  @Field(() => Float, { nullable: true, description: 'The bundle’s size in bytes once ready.' })
  bytes!: number | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the bundle (the zip) once ready.' })
  sha256!: string | null;

  @Field(() => String, { nullable: true, description: 'Where to GET the bundle (same credentials as the API) once ready.' })
  downloadPath!: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The signed manifest, as in the bundle.' })
  manifest!: unknown;

  @Field(() => String, { nullable: true, description: 'Why the export failed.' })
  error!: string | null;

  @Field(() => String, { nullable: true })
  requestedBy!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt!: Date | null;
}

@ObjectType({ description: "The instance's Ed25519 public key that signs report manifests (and audit checkpoints)." })
export class ReportSigningKey {
  @Field()
  algorithm!: string;

  @Field({ description: 'SHA-256 of the DER-encoded public key.' })
  keyId!: string;

  @Field({ description: 'PEM (SPKI); give it to `modelgate report verify --key`.' })
  publicKeyPem!: string;

  @Field({ description: 'Where to GET the key as a .pem file (no sign-in needed).' })
  downloadPath!: string;
}
