-- AlterTable
ALTER TABLE "license" ADD COLUMN     "retired_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "model_version" ADD COLUMN     "concluded_license" VARCHAR(500),
ADD COLUMN     "declared_license" VARCHAR(500) NOT NULL DEFAULT '',
ADD COLUMN     "effective_origin" VARCHAR(2)[] NOT NULL DEFAULT ARRAY[]::VARCHAR(2)[],
ADD COLUMN     "license_class" VARCHAR(32) NOT NULL DEFAULT 'UNKNOWN',
ADD COLUMN     "lineage_problem" VARCHAR(1000),
ADD COLUMN     "obligations" JSONB NOT NULL DEFAULT '{}';

-- CreateIndex
CREATE INDEX "model_version_effective_origin_idx" ON "model_version" USING GIN ("effective_origin");

-- CreateIndex
CREATE INDEX "model_version_license_class_idx" ON "model_version"("license_class");

-- CreateIndex
CREATE UNIQUE INDEX "provider_name_key" ON "provider"("name");


-- The current license of existing versions comes from their newest effective history row.
UPDATE "model_version" AS mv
SET "declared_license" = l."declared_license", "concluded_license" = l."concluded_license"
FROM (
  SELECT DISTINCT ON ("model_version_id") "model_version_id", "declared_license", "concluded_license"
  FROM "model_version_license"
  WHERE "effective_from" <= CURRENT_DATE
  ORDER BY "model_version_id", "effective_from" DESC, "recorded_at" DESC
) AS l
WHERE l."model_version_id" = mv."id";

ALTER TABLE "model_version"
  ADD CONSTRAINT "model_version_license_class_known"
    CHECK ("license_class" IN ('PERMISSIVE', 'COPYLEFT', 'RESTRICTED_COMMERCIAL', 'NON_COMMERCIAL', 'UNKNOWN'));
