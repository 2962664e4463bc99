-- The bureau's own notices are marked by their source (SYSTEM) rather than a separate flag.
-- AlterEnum
ALTER TYPE "SendSource" ADD VALUE 'SYSTEM';

-- AlterTable
ALTER TABLE "SendJob" DROP COLUMN "system";
