-- CreateTable
CREATE TABLE "scan_report" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "repository" VARCHAR(300) NOT NULL,
    "branch" VARCHAR(200),
    "commit" VARCHAR(64),
    "environment" "Environment" NOT NULL,
    "data_classification" "DataClassification" NOT NULL,
    "personal_data" BOOLEAN NOT NULL DEFAULT false,
    "hosting_target_id" UUID,
    "team_id" UUID,
    "files_scanned" INTEGER,
    "submitted_by_id" UUID,
    "submitted_via" VARCHAR(16) NOT NULL,
    "approved_count" INTEGER NOT NULL DEFAULT 0,
    "not_approved_count" INTEGER NOT NULL DEFAULT 0,
    "unknown_count" INTEGER NOT NULL DEFAULT 0,
    "informational_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scan_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scan_finding" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "scan_report_id" UUID NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "reference" VARCHAR(500) NOT NULL,
    "provider" VARCHAR(100),
    "file" VARCHAR(1000) NOT NULL,
    "line" INTEGER NOT NULL,
    "column" INTEGER NOT NULL,
    "snippet" VARCHAR(400) NOT NULL,
    "sha256" CHAR(64),
    "size_bytes" BIGINT,
    "in_comment" BOOLEAN NOT NULL DEFAULT false,
    "informational" BOOLEAN NOT NULL DEFAULT false,
    "status" VARCHAR(32) NOT NULL,
    "matched_by" VARCHAR(32),
    "model_version_id" UUID,
    "hint" VARCHAR(1000),
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "scan_finding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "scan_report_repository_created_at_idx" ON "scan_report"("repository", "created_at");

-- CreateIndex
CREATE INDEX "scan_report_created_at_idx" ON "scan_report"("created_at");

-- CreateIndex
CREATE INDEX "scan_finding_scan_report_id_idx" ON "scan_finding"("scan_report_id");

-- AddForeignKey
ALTER TABLE "scan_finding" ADD CONSTRAINT "scan_finding_scan_report_id_fkey" FOREIGN KEY ("scan_report_id") REFERENCES "scan_report"("id") ON DELETE CASCADE ON UPDATE CASCADE;


