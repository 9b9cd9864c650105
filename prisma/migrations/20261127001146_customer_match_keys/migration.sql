-- AlterTable
ALTER TABLE "customer" ADD COLUMN     "match_email" TEXT,
ADD COLUMN     "match_name" TEXT;

-- CreateIndex
CREATE INDEX "customer_match_name_idx" ON "customer"("match_name");

-- CreateIndex
CREATE INDEX "customer_match_email_idx" ON "customer"("match_email");

-- Existing customers get their keys as the store computes them (normaliseName in
-- src/domain/match-keys.ts: lower case, punctuation to spaces, legal-form words dropped, spaces collapsed).
UPDATE "customer" SET
  "match_email" = NULLIF(lower(btrim("email")), ''),
  "match_name" = NULLIF(btrim(regexp_replace(
    regexp_replace(
      regexp_replace(lower("name"), '[^a-z0-9 ]', ' ', 'g'),
      '\m(ltd|limited|plc|inc|llc|gmbh|co|corp|corporation)\M', ' ', 'g'),
    '\s+', ' ', 'g')), '');
