-- A job may wait for several others (an invoice for its contact and each item on its lines):
-- the single depends_on_id becomes an array, keeping what pending jobs already wait for.
ALTER TABLE "sync_job" ADD COLUMN "depends_on" UUID[] DEFAULT ARRAY[]::UUID[];
UPDATE "sync_job" SET "depends_on" = ARRAY["depends_on_id"] WHERE "depends_on_id" IS NOT NULL;
ALTER TABLE "sync_job" DROP COLUMN "depends_on_id";
