-- CreateTable
CREATE TABLE "report_export" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "type" VARCHAR(32) NOT NULL,
    "format" VARCHAR(16) NOT NULL,
    "filters" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'QUEUED',
    "rows_total" INTEGER,
    "rows_written" INTEGER NOT NULL DEFAULT 0,
    "requested_by_id" UUID,
    "requested_by_token_id" UUID,
    "requested_by_label" VARCHAR(320),
    "file_name" VARCHAR(200),
    "bytes" BIGINT,
    "sha256" CHAR(64),
    "manifest" JSONB,
    "error" VARCHAR(2000),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "report_export_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "report_export_requested_by_id_created_at_idx" ON "report_export"("requested_by_id", "created_at");

-- CreateIndex
CREATE INDEX "report_export_status_idx" ON "report_export"("status");


ALTER TABLE "report_export" ADD CONSTRAINT "report_export_status" CHECK ("status" IN ('QUEUED', 'RUNNING', 'READY', 'FAILED'));
