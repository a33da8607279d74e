-- Global search matches names case-insensitively, whole, by prefix or by substring (ILIKE): trigram indexes serve all
-- three on the large tables. pg_trgm ships with PostgreSQL and is a trusted extension (the database owner may
-- create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "deployment_application_trgm_idx" ON "deployment" USING GIN ("application" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "model_version_version_name_trgm_idx" ON "model_version" USING GIN ("version_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "model_version_family_name_trgm_idx" ON "model_version" USING GIN ("family_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "model_version_key_trgm_idx" ON "model_version" USING GIN ("key" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "model_version_hugging_face_repo_trgm_idx" ON "model_version" USING GIN ("hugging_face_repo" gin_trgm_ops);
