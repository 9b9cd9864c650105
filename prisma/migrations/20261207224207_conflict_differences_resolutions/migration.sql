-- AlterTable
ALTER TABLE "sync_conflict" ADD COLUMN     "differences" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "resolutions" JSONB NOT NULL DEFAULT '[]';
