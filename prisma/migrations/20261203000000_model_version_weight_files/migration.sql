-- CreateTable
CREATE TABLE "model_version_weight_file" (
    "model_version_id" UUID NOT NULL,
    "path" VARCHAR(500) NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "size_bytes" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_version_weight_file_pkey" PRIMARY KEY ("model_version_id","path")
);

-- CreateIndex
CREATE INDEX "model_version_weight_file_sha256_idx" ON "model_version_weight_file"("sha256");

-- AddForeignKey
ALTER TABLE "model_version_weight_file" ADD CONSTRAINT "model_version_weight_file_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;


