-- CreateEnum
CREATE TYPE "StatementLineKind" AS ENUM ('BASE_FEE', 'OVERAGE', 'LATE_FEE_CARRIED', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "PackageChangeStatus" AS ENUM ('PENDING', 'APPLIED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('BEFORE_DUE', 'DUE', 'GRACE', 'SUSPENSION');

-- CreateEnum
CREATE TYPE "ReminderChannel" AS ENUM ('EMAIL', 'SMS');

-- CreateEnum
CREATE TYPE "ReminderStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "Statement" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "activeFrom" DATE NOT NULL,
    "activeTo" DATE NOT NULL,
    "daysInPeriod" INTEGER NOT NULL,
    "activeDays" INTEGER NOT NULL,
    "packageId" TEXT NOT NULL,
    "packagePriceId" TEXT NOT NULL,
    "packageCode" TEXT NOT NULL,
    "baseFeeFen" INTEGER NOT NULL,
    "includedMessages" INTEGER NOT NULL,
    "overagePriceLi" INTEGER NOT NULL,
    "usedSegments" INTEGER NOT NULL,
    "overageSegments" INTEGER NOT NULL,
    "principalFen" INTEGER NOT NULL,
    "carriedLateFeeFen" INTEGER NOT NULL,
    "totalFen" INTEGER NOT NULL,
    "windowStart" DATE NOT NULL,
    "dueDate" DATE NOT NULL,
    "graceEnd" DATE NOT NULL,
    "suspendAfter" DATE NOT NULL,
    "lateFeeRatePpm" INTEGER NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "lateFeeCarriedOutFen" INTEGER NOT NULL DEFAULT 0,
    "settledAt" TIMESTAMP(3),

    CONSTRAINT "Statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementLine" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" "StatementLineKind" NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPrice" INTEGER NOT NULL,
    "amountFen" INTEGER NOT NULL,

    CONSTRAINT "StatementLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingAdjustment" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statementId" TEXT,

    CONSTRAINT "BillingAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "reference" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditNote" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "issuedOn" DATE NOT NULL,
    "issuedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Allocation" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "paymentId" TEXT,
    "creditNoteId" TEXT,
    "lateFeeFen" INTEGER NOT NULL,
    "principalFen" INTEGER NOT NULL,
    "appliedOn" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "issuedOn" DATE NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PackageChangeRequest" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "fromPackageId" TEXT NOT NULL,
    "fromPackagePriceId" TEXT NOT NULL,
    "toPackageId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "PackageChangeStatus" NOT NULL DEFAULT 'PENDING',
    "effectiveOn" DATE NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "submittedById" TEXT,
    "toPackagePriceId" TEXT,
    "appliedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "PackageChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderLog" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "kind" "ReminderKind" NOT NULL,
    "channel" "ReminderChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "owedFen" INTEGER NOT NULL,
    "status" "ReminderStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "ReminderLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Statement_number_key" ON "Statement"("number");

-- CreateIndex
CREATE INDEX "Statement_enterpriseId_period_idx" ON "Statement"("enterpriseId", "period");

-- CreateIndex
CREATE INDEX "Statement_settledAt_idx" ON "Statement"("settledAt");

-- CreateIndex
CREATE UNIQUE INDEX "Statement_contractId_period_key" ON "Statement"("contractId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "StatementLine_statementId_seq_key" ON "StatementLine"("statementId", "seq");

-- CreateIndex
CREATE INDEX "BillingAdjustment_contractId_statementId_idx" ON "BillingAdjustment"("contractId", "statementId");

-- CreateIndex
CREATE INDEX "Payment_contractId_idx" ON "Payment"("contractId");

-- CreateIndex
CREATE UNIQUE INDEX "CreditNote_number_key" ON "CreditNote"("number");

-- CreateIndex
CREATE INDEX "CreditNote_contractId_idx" ON "CreditNote"("contractId");

-- CreateIndex
CREATE INDEX "Allocation_statementId_idx" ON "Allocation"("statementId");

-- CreateIndex
CREATE INDEX "Allocation_paymentId_idx" ON "Allocation"("paymentId");

-- CreateIndex
CREATE INDEX "Allocation_creditNoteId_idx" ON "Allocation"("creditNoteId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_statementId_key" ON "Invoice"("statementId");

-- CreateIndex
CREATE INDEX "Invoice_enterpriseId_idx" ON "Invoice"("enterpriseId");

-- CreateIndex
CREATE INDEX "PackageChangeRequest_contractId_status_idx" ON "PackageChangeRequest"("contractId", "status");

-- CreateIndex
CREATE INDEX "PackageChangeRequest_status_effectiveOn_idx" ON "PackageChangeRequest"("status", "effectiveOn");

-- CreateIndex
CREATE INDEX "ReminderLog_status_idx" ON "ReminderLog"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderLog_statementId_kind_channel_key" ON "ReminderLog"("statementId", "kind", "channel");

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementLine" ADD CONSTRAINT "StatementLine_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditNote" ADD CONSTRAINT "CreditNote_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_creditNoteId_fkey" FOREIGN KEY ("creditNoteId") REFERENCES "CreditNote"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PackageChangeRequest" ADD CONSTRAINT "PackageChangeRequest_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderLog" ADD CONSTRAINT "ReminderLog_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
