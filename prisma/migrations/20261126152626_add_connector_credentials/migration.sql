-- CreateTable
CREATE TABLE "connector_credential" (
    "id" UUID NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "name" TEXT NOT NULL,
    "grant_type" TEXT NOT NULL,
    "sealed_tokens" TEXT NOT NULL,
    "access_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "scopes" TEXT NOT NULL,
    "tenants" JSONB NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connector_credential_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "connector_credential_system_name_key" ON "connector_credential"("system", "name");
