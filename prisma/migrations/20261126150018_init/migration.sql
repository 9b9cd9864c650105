-- CreateEnum
CREATE TYPE "SourceSystem" AS ENUM ('XERO', 'NAV');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('LOCAL_ONLY', 'PENDING', 'SYNCED', 'ERROR', 'CONFLICT');

-- CreateEnum
CREATE TYPE "PartyStatus" AS ENUM ('ACTIVE', 'BLOCKED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "ItemType" AS ENUM ('INVENTORY', 'SERVICE', 'NON_INVENTORY');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'POSTED', 'PAID', 'VOIDED', 'DELETED');

-- CreateEnum
CREATE TYPE "SalesOrderStatus" AS ENUM ('OPEN', 'RELEASED', 'PENDING_APPROVAL', 'SHIPPED', 'INVOICED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "LineAmountType" AS ENUM ('EXCLUSIVE', 'INCLUSIVE', 'NO_TAX');

-- CreateEnum
CREATE TYPE "PaymentDirection" AS ENUM ('RECEIVED', 'MADE');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('AUTHORISED', 'DELETED');

-- CreateEnum
CREATE TYPE "EntityType" AS ENUM ('CUSTOMER', 'VENDOR', 'ITEM', 'SALES_ORDER', 'INVOICE', 'BILL', 'PAYMENT', 'LEDGER_ENTRY', 'DIMENSION', 'DIMENSION_VALUE');

-- CreateTable
CREATE TABLE "customer" (
    "id" UUID NOT NULL,
    "number" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "tax_number" TEXT,
    "currency" CHAR(3) NOT NULL,
    "status" "PartyStatus" NOT NULL DEFAULT 'ACTIVE',
    "credit_limit" DECIMAL(19,4),
    "payment_terms" TEXT,
    "address" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sync_status" "SyncStatus" NOT NULL DEFAULT 'LOCAL_ONLY',
    "last_synced_at" TIMESTAMPTZ(3),

    CONSTRAINT "customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vendor" (
    "id" UUID NOT NULL,
    "number" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "tax_number" TEXT,
    "currency" CHAR(3) NOT NULL,
    "status" "PartyStatus" NOT NULL DEFAULT 'ACTIVE',
    "payment_terms" TEXT,
    "address" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sync_status" "SyncStatus" NOT NULL DEFAULT 'LOCAL_ONLY',
    "last_synced_at" TIMESTAMPTZ(3),

    CONSTRAINT "vendor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "item" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "type" "ItemType" NOT NULL DEFAULT 'INVENTORY',
    "unit_of_measure" TEXT,
    "unit_price" DECIMAL(19,4),
    "unit_cost" DECIMAL(19,4),
    "sales_account_code" TEXT,
    "purchase_account_code" TEXT,
    "tax_code" TEXT,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sync_status" "SyncStatus" NOT NULL DEFAULT 'LOCAL_ONLY',
    "last_synced_at" TIMESTAMPTZ(3),

    CONSTRAINT "item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sales_order" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "customer_id" UUID NOT NULL,
    "order_date" DATE NOT NULL,
    "requested_date" DATE,
    "status" "SalesOrderStatus" NOT NULL DEFAULT 'OPEN',
    "currency" CHAR(3) NOT NULL,
    "line_amount_type" "LineAmountType" NOT NULL DEFAULT 'EXCLUSIVE',
    "reference" TEXT,
    "sub_total" DECIMAL(19,4) NOT NULL,
    "total_tax" DECIMAL(19,4) NOT NULL,
    "total" DECIMAL(19,4) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sync_status" "SyncStatus" NOT NULL DEFAULT 'LOCAL_ONLY',
    "last_synced_at" TIMESTAMPTZ(3),

    CONSTRAINT "sales_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sales_order_line" (
    "id" UUID NOT NULL,
    "sales_order_id" UUID NOT NULL,
    "line_no" INTEGER NOT NULL,
    "item_id" UUID,
    "description" TEXT,
    "quantity" DECIMAL(19,4) NOT NULL,
    "unit_price" DECIMAL(19,4) NOT NULL,
    "discount_percent" DECIMAL(7,4) NOT NULL DEFAULT 0,
    "account_code" TEXT,
    "tax_code" TEXT,
    "tax_amount" DECIMAL(19,4) NOT NULL,
    "line_amount" DECIMAL(19,4) NOT NULL,

    CONSTRAINT "sales_order_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "customer_id" UUID NOT NULL,
    "status" "DocumentStatus" NOT NULL DEFAULT 'DRAFT',
    "issue_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "currency_rate" DECIMAL(19,10),
    "line_amount_type" "LineAmountType" NOT NULL DEFAULT 'EXCLUSIVE',
    "reference" TEXT,
    "external_document_number" TEXT,
    "sub_total" DECIMAL(19,4) NOT NULL,
    "total_tax" DECIMAL(19,4) NOT NULL,
    "total" DECIMAL(19,4) NOT NULL,
    "amount_paid" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "amount_due" DECIMAL(19,4) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sync_status" "SyncStatus" NOT NULL DEFAULT 'LOCAL_ONLY',
    "last_synced_at" TIMESTAMPTZ(3),

    CONSTRAINT "invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_line" (
    "id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "line_no" INTEGER NOT NULL,
    "item_id" UUID,
    "description" TEXT,
    "quantity" DECIMAL(19,4) NOT NULL,
    "unit_price" DECIMAL(19,4) NOT NULL,
    "discount_percent" DECIMAL(7,4) NOT NULL DEFAULT 0,
    "account_code" TEXT,
    "tax_code" TEXT,
    "tax_amount" DECIMAL(19,4) NOT NULL,
    "line_amount" DECIMAL(19,4) NOT NULL,

    CONSTRAINT "invoice_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_line_dimension" (
    "line_id" UUID NOT NULL,
    "dimension_value_id" UUID NOT NULL,

    CONSTRAINT "invoice_line_dimension_pkey" PRIMARY KEY ("line_id","dimension_value_id")
);

-- CreateTable
CREATE TABLE "bill" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "vendor_id" UUID NOT NULL,
    "vendor_invoice_number" TEXT,
    "status" "DocumentStatus" NOT NULL DEFAULT 'DRAFT',
    "issue_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "currency_rate" DECIMAL(19,10),
    "line_amount_type" "LineAmountType" NOT NULL DEFAULT 'EXCLUSIVE',
    "reference" TEXT,
    "sub_total" DECIMAL(19,4) NOT NULL,
    "total_tax" DECIMAL(19,4) NOT NULL,
    "total" DECIMAL(19,4) NOT NULL,
    "amount_paid" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "amount_due" DECIMAL(19,4) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sync_status" "SyncStatus" NOT NULL DEFAULT 'LOCAL_ONLY',
    "last_synced_at" TIMESTAMPTZ(3),

    CONSTRAINT "bill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bill_line" (
    "id" UUID NOT NULL,
    "bill_id" UUID NOT NULL,
    "line_no" INTEGER NOT NULL,
    "item_id" UUID,
    "description" TEXT,
    "quantity" DECIMAL(19,4) NOT NULL,
    "unit_price" DECIMAL(19,4) NOT NULL,
    "discount_percent" DECIMAL(7,4) NOT NULL DEFAULT 0,
    "account_code" TEXT,
    "tax_code" TEXT,
    "tax_amount" DECIMAL(19,4) NOT NULL,
    "line_amount" DECIMAL(19,4) NOT NULL,

    CONSTRAINT "bill_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bill_line_dimension" (
    "line_id" UUID NOT NULL,
    "dimension_value_id" UUID NOT NULL,

    CONSTRAINT "bill_line_dimension_pkey" PRIMARY KEY ("line_id","dimension_value_id")
);

-- CreateTable
CREATE TABLE "payment" (
    "id" UUID NOT NULL,
    "direction" "PaymentDirection" NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'AUTHORISED',
    "payment_date" DATE NOT NULL,
    "amount" DECIMAL(19,4) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reference" TEXT,
    "account_code" TEXT,
    "customer_id" UUID,
    "vendor_id" UUID,
    "invoice_id" UUID,
    "bill_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sync_status" "SyncStatus" NOT NULL DEFAULT 'LOCAL_ONLY',
    "last_synced_at" TIMESTAMPTZ(3),

    CONSTRAINT "payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_entry" (
    "id" UUID NOT NULL,
    "entry_no" INTEGER NOT NULL,
    "posting_date" DATE NOT NULL,
    "document_type" TEXT,
    "document_number" TEXT NOT NULL,
    "account_code" TEXT NOT NULL,
    "account_name" TEXT,
    "description" TEXT,
    "debit" DECIMAL(19,4) NOT NULL,
    "credit" DECIMAL(19,4) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "dimensions" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sync_status" "SyncStatus" NOT NULL DEFAULT 'LOCAL_ONLY',
    "last_synced_at" TIMESTAMPTZ(3),

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dimension" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sync_status" "SyncStatus" NOT NULL DEFAULT 'LOCAL_ONLY',
    "last_synced_at" TIMESTAMPTZ(3),

    CONSTRAINT "dimension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dimension_value" (
    "id" UUID NOT NULL,
    "dimension_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sync_status" "SyncStatus" NOT NULL DEFAULT 'LOCAL_ONLY',
    "last_synced_at" TIMESTAMPTZ(3),

    CONSTRAINT "dimension_value_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "external_link" (
    "id" UUID NOT NULL,
    "entity_type" "EntityType" NOT NULL,
    "entity_id" UUID NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "tenant" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "external_number" TEXT,
    "version" TEXT,
    "etag" TEXT,
    "remote_updated_at" TIMESTAMPTZ(3),
    "last_synced_hash" TEXT,
    "last_synced_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "external_link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "customer_number_key" ON "customer"("number");

-- CreateIndex
CREATE INDEX "customer_name_id_idx" ON "customer"("name", "id");

-- CreateIndex
CREATE INDEX "customer_updated_at_id_idx" ON "customer"("updated_at", "id");

-- CreateIndex
CREATE INDEX "customer_email_idx" ON "customer"("email");

-- CreateIndex
CREATE UNIQUE INDEX "vendor_number_key" ON "vendor"("number");

-- CreateIndex
CREATE INDEX "vendor_name_id_idx" ON "vendor"("name", "id");

-- CreateIndex
CREATE INDEX "vendor_updated_at_id_idx" ON "vendor"("updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "item_number_key" ON "item"("number");

-- CreateIndex
CREATE INDEX "item_name_id_idx" ON "item"("name", "id");

-- CreateIndex
CREATE INDEX "item_updated_at_id_idx" ON "item"("updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "sales_order_number_key" ON "sales_order"("number");

-- CreateIndex
CREATE INDEX "sales_order_customer_id_idx" ON "sales_order"("customer_id");

-- CreateIndex
CREATE INDEX "sales_order_order_date_id_idx" ON "sales_order"("order_date", "id");

-- CreateIndex
CREATE INDEX "sales_order_updated_at_id_idx" ON "sales_order"("updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "sales_order_line_sales_order_id_line_no_key" ON "sales_order_line"("sales_order_id", "line_no");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_number_key" ON "invoice"("number");

-- CreateIndex
CREATE INDEX "invoice_customer_id_issue_date_idx" ON "invoice"("customer_id", "issue_date");

-- CreateIndex
CREATE INDEX "invoice_issue_date_id_idx" ON "invoice"("issue_date", "id");

-- CreateIndex
CREATE INDEX "invoice_due_date_id_idx" ON "invoice"("due_date", "id");

-- CreateIndex
CREATE INDEX "invoice_total_id_idx" ON "invoice"("total", "id");

-- CreateIndex
CREATE INDEX "invoice_updated_at_id_idx" ON "invoice"("updated_at", "id");

-- CreateIndex
CREATE INDEX "invoice_status_idx" ON "invoice"("status");

-- CreateIndex
CREATE INDEX "invoice_line_item_id_idx" ON "invoice_line"("item_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_line_invoice_id_line_no_key" ON "invoice_line"("invoice_id", "line_no");

-- CreateIndex
CREATE UNIQUE INDEX "bill_number_key" ON "bill"("number");

-- CreateIndex
CREATE INDEX "bill_vendor_id_issue_date_idx" ON "bill"("vendor_id", "issue_date");

-- CreateIndex
CREATE INDEX "bill_issue_date_id_idx" ON "bill"("issue_date", "id");

-- CreateIndex
CREATE INDEX "bill_due_date_id_idx" ON "bill"("due_date", "id");

-- CreateIndex
CREATE INDEX "bill_total_id_idx" ON "bill"("total", "id");

-- CreateIndex
CREATE INDEX "bill_updated_at_id_idx" ON "bill"("updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "bill_line_bill_id_line_no_key" ON "bill_line"("bill_id", "line_no");

-- CreateIndex
CREATE INDEX "payment_invoice_id_idx" ON "payment"("invoice_id");

-- CreateIndex
CREATE INDEX "payment_bill_id_idx" ON "payment"("bill_id");

-- CreateIndex
CREATE INDEX "payment_payment_date_id_idx" ON "payment"("payment_date", "id");

-- CreateIndex
CREATE INDEX "payment_updated_at_id_idx" ON "payment"("updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entry_entry_no_key" ON "ledger_entry"("entry_no");

-- CreateIndex
CREATE INDEX "ledger_entry_posting_date_id_idx" ON "ledger_entry"("posting_date", "id");

-- CreateIndex
CREATE INDEX "ledger_entry_account_code_idx" ON "ledger_entry"("account_code");

-- CreateIndex
CREATE INDEX "ledger_entry_document_number_idx" ON "ledger_entry"("document_number");

-- CreateIndex
CREATE UNIQUE INDEX "dimension_code_key" ON "dimension"("code");

-- CreateIndex
CREATE UNIQUE INDEX "dimension_value_dimension_id_code_key" ON "dimension_value"("dimension_id", "code");

-- CreateIndex
CREATE INDEX "external_link_entity_type_system_external_number_idx" ON "external_link"("entity_type", "system", "external_number");

-- CreateIndex
CREATE UNIQUE INDEX "external_link_entity_type_system_tenant_external_id_key" ON "external_link"("entity_type", "system", "tenant", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "external_link_entity_type_entity_id_system_tenant_key" ON "external_link"("entity_type", "entity_id", "system", "tenant");

-- AddForeignKey
ALTER TABLE "sales_order" ADD CONSTRAINT "sales_order_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_order_line" ADD CONSTRAINT "sales_order_line_sales_order_id_fkey" FOREIGN KEY ("sales_order_id") REFERENCES "sales_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_order_line" ADD CONSTRAINT "sales_order_line_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_line" ADD CONSTRAINT "invoice_line_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_line" ADD CONSTRAINT "invoice_line_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_line_dimension" ADD CONSTRAINT "invoice_line_dimension_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "invoice_line"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_line_dimension" ADD CONSTRAINT "invoice_line_dimension_dimension_value_id_fkey" FOREIGN KEY ("dimension_value_id") REFERENCES "dimension_value"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bill" ADD CONSTRAINT "bill_vendor_id_fkey" FOREIGN KEY ("vendor_id") REFERENCES "vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bill_line" ADD CONSTRAINT "bill_line_bill_id_fkey" FOREIGN KEY ("bill_id") REFERENCES "bill"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bill_line" ADD CONSTRAINT "bill_line_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bill_line_dimension" ADD CONSTRAINT "bill_line_dimension_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "bill_line"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bill_line_dimension" ADD CONSTRAINT "bill_line_dimension_dimension_value_id_fkey" FOREIGN KEY ("dimension_value_id") REFERENCES "dimension_value"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_vendor_id_fkey" FOREIGN KEY ("vendor_id") REFERENCES "vendor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_bill_id_fkey" FOREIGN KEY ("bill_id") REFERENCES "bill"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dimension_value" ADD CONSTRAINT "dimension_value_dimension_id_fkey" FOREIGN KEY ("dimension_id") REFERENCES "dimension"("id") ON DELETE CASCADE ON UPDATE CASCADE;
