-- AlterEnum
ALTER TYPE "ReminderStatus" ADD VALUE 'RETRY';

-- DropIndex
DROP INDEX "ReminderLog_status_idx";

-- AlterTable
ALTER TABLE "ReminderLog" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "jobId" TEXT,
ADD COLUMN     "messageId" TEXT,
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SendJob" ADD COLUMN     "system" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CaughtMail" (
    "id" TEXT NOT NULL,
    "messageId" TEXT,
    "envelopeFrom" TEXT NOT NULL,
    "envelopeTo" TEXT[],
    "fromHeader" TEXT NOT NULL,
    "toHeader" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "size" INTEGER NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaughtMail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaughtMailAttachment" (
    "id" TEXT NOT NULL,
    "mailId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "CaughtMailAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaughtMail_receivedAt_idx" ON "CaughtMail"("receivedAt");

-- CreateIndex
CREATE INDEX "CaughtMailAttachment_mailId_idx" ON "CaughtMailAttachment"("mailId");

-- CreateIndex
CREATE INDEX "ReminderLog_status_nextAttemptAt_idx" ON "ReminderLog"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ReminderLog_createdAt_idx" ON "ReminderLog"("createdAt");

-- AddForeignKey
ALTER TABLE "CaughtMailAttachment" ADD CONSTRAINT "CaughtMailAttachment_mailId_fkey" FOREIGN KEY ("mailId") REFERENCES "CaughtMail"("id") ON DELETE CASCADE ON UPDATE CASCADE;
