-- AlterTable
ALTER TABLE "payment" ADD COLUMN     "currency_rate" DECIMAL(19,10);
