-- DropIndex
DROP INDEX "ledger_entry_account_code_idx";

-- DropIndex
DROP INDEX "ledger_entry_entry_no_key";

-- AlterTable
ALTER TABLE "ledger_entry" ADD COLUMN     "document_id" UUID,
ADD COLUMN     "document_kind" "EntityType",
ADD COLUMN     "external_id" TEXT NOT NULL,
ADD COLUMN     "line_no" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "source_id" TEXT,
ADD COLUMN     "source_type" TEXT,
ADD COLUMN     "system" "SourceSystem" NOT NULL,
ADD COLUMN     "tenant" TEXT NOT NULL;

-- CreateIndex
CREATE INDEX "ledger_entry_system_account_code_posting_date_idx" ON "ledger_entry"("system", "account_code", "posting_date");

-- CreateIndex
CREATE INDEX "ledger_entry_document_id_idx" ON "ledger_entry"("document_id");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entry_system_tenant_entry_no_line_no_key" ON "ledger_entry"("system", "tenant", "entry_no", "line_no");
