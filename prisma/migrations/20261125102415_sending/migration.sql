-- CreateEnum
CREATE TYPE "ContactKind" AS ENUM ('STAFF', 'CLIENT');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('PREVIEWED', 'RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "LexiconAction" AS ENUM ('BLOCK', 'REVIEW');

-- CreateEnum
CREATE TYPE "MessagePurpose" AS ENUM ('NOTICE', 'VERIFICATION', 'CUSTOMER_SERVICE', 'INTERNAL');

-- CreateEnum
CREATE TYPE "SendSource" AS ENUM ('PORTAL', 'API');

-- CreateEnum
CREATE TYPE "SendJobStatus" AS ENUM ('SCHEDULED', 'HELD_FOR_REVIEW', 'REJECTED', 'QUEUED', 'SENDING', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('PENDING', 'SUBMITTING', 'SUBMITTED', 'UNKNOWN', 'DELIVERED', 'UNDELIVERED', 'EXPIRED', 'REJECTED', 'FAILED', 'OPTED_OUT', 'NOT_ALLOWED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- AlterTable
ALTER TABLE "BureauConfig" ADD COLUMN     "optOutKeywords" TEXT[] DEFAULT ARRAY['TD', 'T', 'N', '退订', '取消', 'STOP', 'UNSUBSCRIBE']::TEXT[];

-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "kind" "ContactKind" NOT NULL,
    "tags" TEXT[],
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactGroup" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactGroupMember" (
    "groupId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,

    CONSTRAINT "ContactGroupMember_pkey" PRIMARY KEY ("groupId","contactId")
);

-- CreateTable
CREATE TABLE "ContactImport" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL,
    "rows" JSONB,
    "groupName" TEXT,
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "importedRows" INTEGER NOT NULL DEFAULT 0,
    "duplicateRows" INTEGER NOT NULL DEFAULT 0,
    "invalidRows" INTEGER NOT NULL DEFAULT 0,
    "problems" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ContactImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecipientConsent" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedNumbers" TEXT[],
    "letterFileName" TEXT NOT NULL,
    "letterMimeType" TEXT NOT NULL,
    "letterBytes" BYTEA NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'PENDING',
    "validUntil" TIMESTAMP(3),
    "decisionNote" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecipientConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentNumber" (
    "consentId" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsentNumber_pkey" PRIMARY KEY ("consentId","mobile")
);

-- CreateTable
CREATE TABLE "OptOut" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "keyword" TEXT NOT NULL,
    "replyText" TEXT NOT NULL,
    "replyId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OptOut_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LexiconTerm" (
    "id" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "action" "LexiconAction" NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LexiconTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsSignature" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'PENDING',
    "decisionNote" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsSignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceViolation" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "jobId" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplianceViolation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SendJob" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "source" "SendSource" NOT NULL,
    "createdById" TEXT,
    "apiKeyId" TEXT,
    "clientRef" TEXT,
    "purpose" "MessagePurpose" NOT NULL,
    "content" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "fullText" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "segmentsPerMessage" INTEGER NOT NULL,
    "status" "SendJobStatus" NOT NULL,
    "scheduledAt" TIMESTAMP(3),
    "recipientCount" INTEGER NOT NULL,
    "acceptedCount" INTEGER NOT NULL,
    "skippedCount" INTEGER NOT NULL,
    "reservedSegments" INTEGER NOT NULL,
    "quotaDay" DATE NOT NULL,
    "heldTerms" TEXT[],
    "reviewNote" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "SendJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" BIGSERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "status" "MessageStatus" NOT NULL,
    "segments" INTEGER NOT NULL,
    "udhReference" INTEGER NOT NULL DEFAULT 0,
    "errorCode" TEXT,
    "submittedAt" TIMESTAMP(3),
    "finalAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageSegment" (
    "messageId" BIGINT NOT NULL,
    "seq" INTEGER NOT NULL,
    "smscId" TEXT,
    "status" "MessageStatus" NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "receiptAt" TIMESTAMP(3),
    "receiptStat" TEXT,
    "errorCode" TEXT,

    CONSTRAINT "MessageSegment_pkey" PRIMARY KEY ("messageId","seq")
);

-- CreateTable
CREATE TABLE "DailyUsage" (
    "enterpriseId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "reservedSegments" INTEGER NOT NULL DEFAULT 0,
    "submittedSegments" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DailyUsage_pkey" PRIMARY KEY ("enterpriseId","day")
);

-- CreateTable
CREATE TABLE "InboundReply" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT,
    "fromMobile" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "optOut" BOOLEAN NOT NULL DEFAULT false,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "enterpriseId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("enterpriseId","key")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "messageId" BIGINT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "lastStatusCode" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Contact_enterpriseId_name_idx" ON "Contact"("enterpriseId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_enterpriseId_mobile_key" ON "Contact"("enterpriseId", "mobile");

-- CreateIndex
CREATE UNIQUE INDEX "ContactGroup_enterpriseId_name_key" ON "ContactGroup"("enterpriseId", "name");

-- CreateIndex
CREATE INDEX "ContactGroupMember_contactId_idx" ON "ContactGroupMember"("contactId");

-- CreateIndex
CREATE INDEX "ContactImport_enterpriseId_createdAt_idx" ON "ContactImport"("enterpriseId", "createdAt");

-- CreateIndex
CREATE INDEX "RecipientConsent_enterpriseId_status_idx" ON "RecipientConsent"("enterpriseId", "status");

-- CreateIndex
CREATE INDEX "ConsentNumber_enterpriseId_mobile_idx" ON "ConsentNumber"("enterpriseId", "mobile");

-- CreateIndex
CREATE UNIQUE INDEX "OptOut_enterpriseId_mobile_key" ON "OptOut"("enterpriseId", "mobile");

-- CreateIndex
CREATE UNIQUE INDEX "LexiconTerm_term_key" ON "LexiconTerm"("term");

-- CreateIndex
CREATE INDEX "SmsSignature_enterpriseId_status_idx" ON "SmsSignature"("enterpriseId", "status");

-- CreateIndex
CREATE INDEX "ComplianceViolation_enterpriseId_createdAt_idx" ON "ComplianceViolation"("enterpriseId", "createdAt");

-- CreateIndex
CREATE INDEX "SendJob_enterpriseId_createdAt_idx" ON "SendJob"("enterpriseId", "createdAt");

-- CreateIndex
CREATE INDEX "SendJob_status_idx" ON "SendJob"("status");

-- CreateIndex
CREATE INDEX "Message_jobId_status_idx" ON "Message"("jobId", "status");

-- CreateIndex
CREATE INDEX "Message_enterpriseId_mobile_createdAt_idx" ON "Message"("enterpriseId", "mobile", "createdAt");

-- CreateIndex
CREATE INDEX "Message_status_submittedAt_idx" ON "Message"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "MessageSegment_smscId_idx" ON "MessageSegment"("smscId");

-- CreateIndex
CREATE INDEX "InboundReply_enterpriseId_receivedAt_idx" ON "InboundReply"("enterpriseId", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundReply_fromMobile_idx" ON "InboundReply"("fromMobile");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_enterpriseId_idx" ON "ApiKey"("enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_enterpriseId_key" ON "WebhookEndpoint"("enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_dedupeKey_key" ON "WebhookDelivery"("dedupeKey");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "ContactGroupMember" ADD CONSTRAINT "ContactGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ContactGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactGroupMember" ADD CONSTRAINT "ContactGroupMember_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentNumber" ADD CONSTRAINT "ConsentNumber_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "RecipientConsent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "SendJob"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageSegment" ADD CONSTRAINT "MessageSegment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
