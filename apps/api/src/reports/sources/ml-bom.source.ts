import { Prisma } from '@modelgate/db';
import type { ReportFilters } from '@modelgate/domain/reports';
import type { Tx } from '../../audit/audit.repository.js';
import type { MlBomModelVersion, MlBomSubject } from '../formats/ml-bom.js';
import { latestApprovalJoin } from './model-facts.sql.js';
import { allOf } from './sql-section.js';

type VersionRow = Omit<MlBomModelVersion, 'provider' | 'bases' | 'deployments' | 'riskTier' | 'approvalState'> & {
  providerName: string;
  providerCountry: string;
  providerWebsite: string | null;
  providerLegalEntity: string | null;
  riskTier: string | null;
  approvalState: string | null;
  bases: MlBomModelVersion['bases'] | null;
  deployments: MlBomModelVersion['deployments'];
};

/** What the ML-BOM describes: one application's deployments, or one team's. */
export async function mlBomSubject(tx: Tx, filters: ReportFilters): Promise<MlBomSubject> {
  if (filters.application) return { kind: 'application', name: filters.application };
  const [team] = await tx.$queryRaw<Array<{ name: string }>>`SELECT name FROM team WHERE id = ${filters.teamIds[0]}::uuid`;
  return { kind: 'team', name: team?.name ?? filters.teamIds[0]! };
}

/** The model versions the subject runs (active deployments), with everything the BOM says of them. */
export async function mlBomModelVersions(tx: Tx, filters: ReportFilters): Promise<MlBomModelVersion[]> {
  const deploymentScope = allOf([
    Prisma.sql`d.status = 'ACTIVE'`,
    ...(filters.application ? [Prisma.sql`d.application = ${filters.application}`] : []),
    ...(filters.teamIds.length ? [Prisma.sql`d.team_id = ANY(${filters.teamIds}::uuid[])`] : []),
  ]);
  const rows = await tx.$queryRaw<VersionRow[]>`
    SELECT mv.id, mv.key, mv.family_name AS "familyName", mv.version_name AS "versionName",
           p.name AS "providerName", p.headquarters_country AS "providerCountry", p.website AS "providerWebsite",
           p.legal_entity AS "providerLegalEntity",
           mv.developer_country AS "developerCountry", mv.effective_origin AS "effectiveOrigin", mv.supplier,
           mv.distribution::text AS distribution, mv.source_url AS "sourceUrl", mv.hugging_face_repo AS "huggingFaceRepo",
           mv.revision, mv.weights_sha256 AS "weightsSha256", mv.release_date AS "releaseDate", mv.parameter_count AS "parameterCount",
           mv.modalities::text[] AS modalities, mv.context_length AS "contextLength", mv.task, mv.model_card_url AS "modelCardUrl",
           mv.training_data_url AS "trainingDataUrl", mv.intended_use AS "intendedUse", mv.limitations,
           mv.declared_license AS "declaredLicense", mv.concluded_license AS "concludedLicense", mv.license_class AS "licenseClass",
           ap.ap_risk_tier AS "riskTier", ap.ap_state AS "approvalState",
           (SELECT json_agg(json_build_object('key', bmv.key, 'provider', bp.name, 'versionName', bmv.version_name,
                                              'relation', b.relation::text) ORDER BY bmv.key)
              FROM model_version_base b JOIN model_version bmv ON bmv.id = b.base_model_version_id
              JOIN provider bp ON bp.id = bmv.provider_id
              WHERE b.model_version_id = mv.id) AS bases,
           (SELECT json_agg(json_build_object('application', d.application, 'team', t.name, 'environment', d.environment::text,
                                              'hostingTarget', h.name, 'hostingMode', h.mode::text,
                                              'dataClassification', d.data_classification::text)
                            ORDER BY d.application, d.environment, h.name)
              FROM deployment d JOIN team t ON t.id = d.team_id JOIN hosting_target h ON h.id = d.hosting_target_id
              WHERE d.model_version_id = mv.id AND ${deploymentScope}) AS deployments
    FROM model_version mv JOIN provider p ON p.id = mv.provider_id
    ${latestApprovalJoin}
    WHERE EXISTS (SELECT 1 FROM deployment d WHERE d.model_version_id = mv.id AND ${deploymentScope})
    ORDER BY mv.key`;
  return rows.map(({ providerName, providerCountry, providerWebsite, providerLegalEntity, bases, ...row }) => ({
    ...row,
    provider: {
      name: providerName,
      headquartersCountry: providerCountry,
      website: providerWebsite,
      legalEntity: providerLegalEntity,
    },
    bases: bases ?? [],
  }));
}
