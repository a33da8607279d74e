-- CreateTable
CREATE TABLE "policy_version" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'DRAFT',
    "policy" JSONB NOT NULL,
    "note" VARCHAR(2000),
    "drafted_by_id" UUID,
    "activated_by_id" UUID,
    "activated_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policy_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_decision" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "model_version_id" UUID,
    "question" JSONB NOT NULL,
    "decision" VARCHAR(16) NOT NULL,
    "reasons" JSONB NOT NULL,
    "policy_version" INTEGER,
    "approval_request_id" UUID,
    "exception_id" UUID,
    "actor_type" VARCHAR(16) NOT NULL,
    "actor_id" VARCHAR(64),
    "actor_label" VARCHAR(320),
    "channel" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "policy_version_number_key" ON "policy_version"("number");

-- CreateIndex
CREATE INDEX "policy_version_status_idx" ON "policy_version"("status");

-- CreateIndex
CREATE INDEX "policy_decision_created_at_idx" ON "policy_decision"("created_at");

-- CreateIndex
CREATE INDEX "policy_decision_model_version_id_created_at_idx" ON "policy_decision"("model_version_id", "created_at");



-- One active policy version at a time; status and decision values are closed lists.
CREATE UNIQUE INDEX "policy_version_one_active" ON "policy_version" ("status") WHERE "status" = 'ACTIVE';
ALTER TABLE "policy_version" ADD CONSTRAINT "policy_version_status" CHECK ("status" IN ('DRAFT', 'ACTIVE', 'SUPERSEDED', 'DISCARDED'));
ALTER TABLE "policy_decision" ADD CONSTRAINT "policy_decision_decision" CHECK ("decision" IN ('ALLOW', 'REVIEW_REQUIRED', 'DENY'));
