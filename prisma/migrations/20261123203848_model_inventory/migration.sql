-- CreateEnum
CREATE TYPE "ProviderType" AS ENUM ('COMPANY', 'ACADEMIC', 'GOVERNMENT', 'COMMUNITY');

-- CreateEnum
CREATE TYPE "Distribution" AS ENUM ('OPEN_WEIGHTS', 'API_ONLY', 'BOTH');

-- CreateEnum
CREATE TYPE "LineageRelation" AS ENUM ('FINE_TUNE', 'ADAPTER', 'QUANTIZATION', 'MERGE', 'DISTILLATION');

-- CreateEnum
CREATE TYPE "Modality" AS ENUM ('TEXT', 'IMAGE', 'AUDIO', 'VIDEO', 'CODE', 'EMBEDDING');

-- CreateEnum
CREATE TYPE "CommercialUse" AS ENUM ('ALLOWED', 'CONDITIONAL', 'PROHIBITED');

-- CreateEnum
CREATE TYPE "HostingMode" AS ENUM ('ON_PREMISES', 'PRIVATE_CLOUD', 'VENDOR_API', 'THIRD_PARTY_HOSTED', 'EDGE');

-- CreateEnum
CREATE TYPE "TrainsOnInputs" AS ENUM ('NO', 'OPT_OUT', 'YES', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "Environment" AS ENUM ('DEVELOPMENT', 'STAGING', 'PRODUCTION');

-- CreateEnum
CREATE TYPE "DataClassification" AS ENUM ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED');

-- CreateEnum
CREATE TYPE "EuAiActCategory" AS ENUM ('PROHIBITED', 'HIGH_RISK', 'TRANSPARENCY', 'MINIMAL');

-- CreateEnum
CREATE TYPE "DeploymentStatus" AS ENUM ('ACTIVE', 'RETIRED');

-- CreateTable
CREATE TABLE "provider" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" VARCHAR(64) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "legal_entity" VARCHAR(300),
    "headquarters_country" CHAR(2) NOT NULL,
    "type" "ProviderType" NOT NULL,
    "website" VARCHAR(2000),
    "source_url" VARCHAR(2000),
    "verified" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "license" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "identifier" VARCHAR(128) NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "license_version" VARCHAR(64) NOT NULL DEFAULT '',
    "url" VARCHAR(2000),
    "text_sha256" CHAR(64),
    "commercial_use" "CommercialUse" NOT NULL,
    "user_cap" BIGINT,
    "attribution_required" BOOLEAN NOT NULL DEFAULT false,
    "attribution_text" VARCHAR(500),
    "acceptable_use_policy" BOOLEAN NOT NULL DEFAULT false,
    "acceptable_use_policy_url" VARCHAR(2000),
    "share_alike" BOOLEAN NOT NULL DEFAULT false,
    "research_only" BOOLEAN NOT NULL DEFAULT false,
    "source_url" VARCHAR(2000),
    "verified" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "license_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_version" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" VARCHAR(128) NOT NULL,
    "provider_id" UUID NOT NULL,
    "family_name" VARCHAR(200) NOT NULL,
    "version_name" VARCHAR(200) NOT NULL,
    "developer_country" CHAR(2) NOT NULL,
    "supplier" VARCHAR(200) NOT NULL,
    "distribution" "Distribution" NOT NULL,
    "source_url" VARCHAR(2000),
    "hugging_face_repo" VARCHAR(300),
    "revision" VARCHAR(200),
    "weights_sha256" CHAR(64),
    "release_date" DATE,
    "parameter_count" BIGINT,
    "modalities" "Modality"[],
    "context_length" INTEGER,
    "task" VARCHAR(200),
    "model_card_url" VARCHAR(2000),
    "training_data_url" VARCHAR(2000),
    "intended_use" TEXT,
    "limitations" TEXT,
    "verified" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "model_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_version_base" (
    "model_version_id" UUID NOT NULL,
    "base_model_version_id" UUID NOT NULL,
    "relation" "LineageRelation" NOT NULL,

    CONSTRAINT "model_version_base_pkey" PRIMARY KEY ("model_version_id","base_model_version_id")
);

-- CreateTable
CREATE TABLE "model_version_license" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "model_version_id" UUID NOT NULL,
    "declared_license" VARCHAR(500) NOT NULL,
    "concluded_license" VARCHAR(500),
    "effective_from" DATE NOT NULL,
    "note" VARCHAR(1000),
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_version_license_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hosting_target" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" VARCHAR(200) NOT NULL,
    "mode" "HostingMode" NOT NULL,
    "operator" VARCHAR(200) NOT NULL,
    "region" VARCHAR(100),
    "country" CHAR(2) NOT NULL,
    "retention_days" INTEGER,
    "trains_on_inputs" "TrainsOnInputs" NOT NULL,
    "zero_data_retention" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "hosting_target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "model_version_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "application" VARCHAR(200) NOT NULL,
    "environment" "Environment" NOT NULL,
    "hosting_target_id" UUID NOT NULL,
    "data_classification" "DataClassification" NOT NULL,
    "personal_data" BOOLEAN NOT NULL,
    "purpose" VARCHAR(2000) NOT NULL,
    "eu_ai_act_category" "EuAiActCategory" NOT NULL,
    "status" "DeploymentStatus" NOT NULL DEFAULT 'ACTIVE',
    "registered_by_id" UUID,
    "registered_by_token_id" UUID,
    "registered_via" VARCHAR(16) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deployment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "provider_key_key" ON "provider"("key");

-- CreateIndex
CREATE INDEX "provider_headquarters_country_idx" ON "provider"("headquarters_country");

-- CreateIndex
CREATE UNIQUE INDEX "license_identifier_license_version_key" ON "license"("identifier", "license_version");

-- CreateIndex
CREATE UNIQUE INDEX "model_version_key_key" ON "model_version"("key");

-- CreateIndex
CREATE INDEX "model_version_family_name_idx" ON "model_version"("family_name");

-- CreateIndex
CREATE INDEX "model_version_developer_country_idx" ON "model_version"("developer_country");

-- CreateIndex
CREATE INDEX "model_version_distribution_idx" ON "model_version"("distribution");

-- CreateIndex
CREATE UNIQUE INDEX "model_version_provider_id_version_name_key" ON "model_version"("provider_id", "version_name");

-- CreateIndex
CREATE INDEX "model_version_base_base_model_version_id_idx" ON "model_version_base"("base_model_version_id");

-- CreateIndex
CREATE INDEX "model_version_license_model_version_id_effective_from_idx" ON "model_version_license"("model_version_id", "effective_from");

-- CreateIndex
CREATE UNIQUE INDEX "hosting_target_name_key" ON "hosting_target"("name");

-- CreateIndex
CREATE INDEX "deployment_model_version_id_idx" ON "deployment"("model_version_id");

-- CreateIndex
CREATE INDEX "deployment_team_id_status_idx" ON "deployment"("team_id", "status");

-- CreateIndex
CREATE INDEX "deployment_hosting_target_id_idx" ON "deployment"("hosting_target_id");

-- CreateIndex
CREATE INDEX "deployment_environment_idx" ON "deployment"("environment");

-- AddForeignKey
ALTER TABLE "model_version" ADD CONSTRAINT "model_version_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_version_base" ADD CONSTRAINT "model_version_base_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_version_base" ADD CONSTRAINT "model_version_base_base_model_version_id_fkey" FOREIGN KEY ("base_model_version_id") REFERENCES "model_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_version_license" ADD CONSTRAINT "model_version_license_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_hosting_target_id_fkey" FOREIGN KEY ("hosting_target_id") REFERENCES "hosting_target"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Integrity the schema language cannot say; the API validates the same rules with readable messages.
ALTER TABLE "provider"
  ADD CONSTRAINT "provider_headquarters_country_iso" CHECK ("headquarters_country" ~ '^[A-Z]{2}$'),
  ADD CONSTRAINT "provider_version_positive" CHECK ("version" >= 1);
ALTER TABLE "license"
  ADD CONSTRAINT "license_text_sha256_hex" CHECK ("text_sha256" IS NULL OR "text_sha256" ~ '^[0-9a-f]{64}$'),
  ADD CONSTRAINT "license_user_cap_positive" CHECK ("user_cap" IS NULL OR "user_cap" > 0),
  ADD CONSTRAINT "license_version_positive" CHECK ("version" >= 1);
ALTER TABLE "model_version"
  ADD CONSTRAINT "model_version_developer_country_iso" CHECK ("developer_country" ~ '^[A-Z]{2}$'),
  ADD CONSTRAINT "model_version_weights_sha256_hex" CHECK ("weights_sha256" IS NULL OR "weights_sha256" ~ '^[0-9a-f]{64}$'),
  ADD CONSTRAINT "model_version_parameter_count_positive" CHECK ("parameter_count" IS NULL OR "parameter_count" > 0),
  ADD CONSTRAINT "model_version_context_length_positive" CHECK ("context_length" IS NULL OR "context_length" > 0),
  ADD CONSTRAINT "model_version_version_positive" CHECK ("version" >= 1);
ALTER TABLE "model_version_base"
  ADD CONSTRAINT "model_version_base_not_itself" CHECK ("model_version_id" <> "base_model_version_id");
ALTER TABLE "hosting_target"
  ADD CONSTRAINT "hosting_target_country_iso" CHECK ("country" ~ '^[A-Z]{2}$'),
  ADD CONSTRAINT "hosting_target_retention_days_not_negative" CHECK ("retention_days" IS NULL OR "retention_days" >= 0),
  ADD CONSTRAINT "hosting_target_version_positive" CHECK ("version" >= 1);
ALTER TABLE "deployment"
  ADD CONSTRAINT "deployment_registered_via_known" CHECK ("registered_via" IN ('ADMIN_APP', 'API', 'CLI', 'IMPORT', 'SYSTEM')),
  ADD CONSTRAINT "deployment_version_positive" CHECK ("version" >= 1);
