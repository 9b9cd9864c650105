-- AlterTable
ALTER TABLE "invoice" ADD COLUMN     "order_number" TEXT,
ADD COLUMN     "sales_order_id" UUID;

-- AlterTable
ALTER TABLE "item" ADD COLUMN     "inventory" DECIMAL(19,4),
ADD COLUMN     "inventory_source" "SourceSystem";

-- AlterTable
ALTER TABLE "sales_order" ADD COLUMN     "completed_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "sales_order_line" ADD COLUMN     "outstanding_quantity" DECIMAL(19,4),
ADD COLUMN     "quantity_invoiced" DECIMAL(19,4) NOT NULL DEFAULT 0,
ADD COLUMN     "quantity_shipped" DECIMAL(19,4) NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "invoice_sales_order_id_idx" ON "invoice"("sales_order_id");

-- CreateIndex
CREATE INDEX "invoice_order_number_idx" ON "invoice"("order_number");

-- AddForeignKey
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_sales_order_id_fkey" FOREIGN KEY ("sales_order_id") REFERENCES "sales_order"("id") ON DELETE SET NULL ON UPDATE CASCADE;
