-- CreateTable
CREATE TABLE "policy_exception" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "model_version_id" UUID NOT NULL,
    "team_id" UUID,
    "environments" "Environment"[],
    "hosting_target_ids" UUID[],
    "max_data_classification" "DataClassification" NOT NULL,
    "rule_ids" TEXT[],
    "justification" TEXT NOT NULL,
    "compensating_controls" TEXT[],
    "state" VARCHAR(16) NOT NULL DEFAULT 'REQUESTED',
    "requested_by_id" UUID,
    "first_approver_id" UUID,
    "second_approver_id" UUID,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "granted_at" TIMESTAMPTZ(3),
    "state_reason" VARCHAR(2000),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policy_exception_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_violation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "deployment_id" UUID NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "message" VARCHAR(4000) NOT NULL,
    "policy_version" INTEGER NOT NULL,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolution" VARCHAR(2000),

    CONSTRAINT "policy_violation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "policy_exception_number_key" ON "policy_exception"("number");

-- CreateIndex
CREATE INDEX "policy_exception_model_version_id_state_idx" ON "policy_exception"("model_version_id", "state");

-- CreateIndex
CREATE INDEX "policy_exception_state_expires_at_idx" ON "policy_exception"("state", "expires_at");

-- CreateIndex
CREATE INDEX "policy_violation_deployment_id_resolved_at_idx" ON "policy_violation"("deployment_id", "resolved_at");

-- CreateIndex
CREATE INDEX "policy_violation_resolved_at_detected_at_idx" ON "policy_violation"("resolved_at", "detected_at");



ALTER TABLE "policy_exception" ADD CONSTRAINT "policy_exception_state" CHECK ("state" IN ('REQUESTED', 'GRANTED', 'REJECTED', 'WITHDRAWN', 'REVOKED', 'EXPIRED'));
ALTER TABLE "policy_exception" ADD CONSTRAINT "policy_exception_four_eyes" CHECK ("state" <> 'GRANTED' OR ("first_approver_id" IS NOT NULL AND "second_approver_id" IS NOT NULL AND "first_approver_id" <> "second_approver_id"));
ALTER TABLE "policy_violation" ADD CONSTRAINT "policy_violation_kind" CHECK ("kind" IN ('DENIED', 'NOT_COVERED'));
-- At most one open violation per deployment: a sweep updates it rather than piling up duplicates.
CREATE UNIQUE INDEX "policy_violation_one_open" ON "policy_violation" ("deployment_id") WHERE "resolved_at" IS NULL;
