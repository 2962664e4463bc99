-- CreateEnum
CREATE TYPE "CarrierInboxKind" AS ENUM ('RECEIPT', 'REPLY');

-- CreateEnum
CREATE TYPE "CarrierInboxStatus" AS ENUM ('PENDING', 'APPLIED', 'INTERMEDIATE', 'DUPLICATE', 'RECORDED');

-- CreateTable
CREATE TABLE "CarrierInbox" (
    "id" BIGSERIAL NOT NULL,
    "kind" "CarrierInboxKind" NOT NULL,
    "status" "CarrierInboxStatus" NOT NULL,
    "link" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "handset" TEXT NOT NULL,
    "mobile" TEXT,
    "address" TEXT NOT NULL,
    "smscId" TEXT,
    "state" TEXT,
    "outcome" "MessageStatus",
    "stat" TEXT,
    "errorCode" TEXT,
    "note" TEXT,
    "dataCoding" INTEGER,
    "body" BYTEA,
    "partRef" INTEGER,
    "partTotal" INTEGER,
    "partSeq" INTEGER,
    "raw" BYTEA NOT NULL,
    "doneAt" TIMESTAMP(3),
    "messageId" BIGINT,
    "seq" INTEGER,
    "replyId" TEXT,

    CONSTRAINT "CarrierInbox_pkey" PRIMARY KEY ("id")
);

-- BRIN, for the purge by age: rows arrive in time order, and a BRIN index costs next to nothing
-- to keep up on the receipt path (a B-tree entry per receipt cost measurable throughput).
CREATE INDEX "CarrierInbox_receivedAt_idx" ON "CarrierInbox" USING BRIN ("receivedAt");

-- Partial (Prisma 6 cannot describe them; see schema.prisma): only the rows still waiting, so the
-- look-up after every recorded outcome (pending receipts with these SMSC ids) and the sweep probe
-- a small index however large the inbox grows between purges.
CREATE INDEX "CarrierInbox_pending_smscId_idx" ON "CarrierInbox"("smscId") WHERE "status" = 'PENDING';
CREATE INDEX "CarrierInbox_pending_receivedAt_idx" ON "CarrierInbox"("kind", "receivedAt") WHERE "status" = 'PENDING';
