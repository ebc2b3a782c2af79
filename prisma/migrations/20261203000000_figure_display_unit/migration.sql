-- AlterTable
ALTER TABLE "Figure" ADD COLUMN "displayUnit" TEXT;
