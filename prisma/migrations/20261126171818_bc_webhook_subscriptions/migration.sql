-- CreateTable
CREATE TABLE "bc_subscription" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "notification_url" TEXT NOT NULL,
    "subscription_id" TEXT,
    "etag" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "renewed_at" TIMESTAMPTZ(3),
    "sealed_client_state" TEXT NOT NULL,
    "leased_by" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bc_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "bc_subscription_tenant_resource_key" ON "bc_subscription"("tenant", "resource");
