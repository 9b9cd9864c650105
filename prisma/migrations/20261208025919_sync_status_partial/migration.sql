-- AlterEnum
ALTER TYPE "SyncStatus" ADD VALUE 'PARTIAL';
