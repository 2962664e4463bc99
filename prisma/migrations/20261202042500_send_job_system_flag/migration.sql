-- A new SendSource value broke the customer pages' exhaustive source labels: the bureau's own
-- notices are marked by SendJob.system instead, and the value SYSTEM is removed again.
ALTER TABLE "SendJob" ADD COLUMN "system" BOOLEAN NOT NULL DEFAULT false;

ALTER TYPE "SendSource" RENAME TO "SendSource_old";
CREATE TYPE "SendSource" AS ENUM ('PORTAL', 'API');
ALTER TABLE "SendJob" ALTER COLUMN "source" TYPE "SendSource" USING ("source"::text::"SendSource");
DROP TYPE "SendSource_old";
