-- CreateTable
CREATE TABLE "audit_checkpoint" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "seq" BIGINT NOT NULL,
    "hash" CHAR(64) NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL,
    "key_id" CHAR(64) NOT NULL,
    "public_key" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "audit_checkpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_checkpoint_seq_idx" ON "audit_checkpoint"("seq");

-- Checkpoints are evidence too: append-only for everyone, like audit_event.
CREATE OR REPLACE FUNCTION refuse_change_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_checkpoint_refuse_update_delete BEFORE UPDATE OR DELETE ON "audit_checkpoint"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
CREATE TRIGGER audit_checkpoint_refuse_truncate BEFORE TRUNCATE ON "audit_checkpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON "audit_checkpoint" FROM modelgate_app;
GRANT SELECT, INSERT ON "audit_checkpoint" TO modelgate_app;
