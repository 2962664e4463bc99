-- CreateEnum
CREATE TYPE "ContractSource" AS ENUM ('ONLINE', 'PAPER');

-- CreateEnum
CREATE TYPE "ContractEndReason" AS ENUM ('EXPIRED', 'MUTUAL_TERMINATION', 'PROHIBITED_CONTENT', 'CARRIER_POLICY');

-- CreateEnum
CREATE TYPE "Party" AS ENUM ('BUREAU', 'CUSTOMER');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('CASH', 'CHEQUE', 'BANK_TRANSFER');

-- CreateEnum
CREATE TYPE "DepositEntryKind" AS ENUM ('RECEIVED', 'REFUNDED', 'KEPT');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "activatedAt" TIMESTAMP(3),
ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "endNote" TEXT,
ADD COLUMN     "endReason" "ContractEndReason",
ADD COLUMN     "endedAt" TIMESTAMP(3),
ADD COLUMN     "rejectedAt" TIMESTAMP(3),
ADD COLUMN     "rejectionReason" TEXT,
ADD COLUMN     "renewals" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "source" "ContractSource" NOT NULL DEFAULT 'ONLINE',
ADD COLUMN     "submittedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ContractDocument" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "terms" JSONB NOT NULL,
    "pdf" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "ContractDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DepositEntry" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "kind" "DepositEntryKind" NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "method" "PaymentMethod",
    "reference" TEXT,
    "occurredOn" DATE NOT NULL,
    "reason" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DepositEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractObjection" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "party" "Party" NOT NULL,
    "againstEndDate" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "lodgedAt" TIMESTAMP(3) NOT NULL,
    "lodgedById" TEXT,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "ContractObjection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TerminationRequest" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "requestedBy" "Party" NOT NULL,
    "requestedById" TEXT,
    "reason" TEXT NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'PENDING',
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decisionNote" TEXT,

    CONSTRAINT "TerminationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnterpriseChangeRequest" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "EnterpriseChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ContractDocument_contractId_version_key" ON "ContractDocument"("contractId", "version");

-- CreateIndex
CREATE INDEX "DepositEntry_contractId_idx" ON "DepositEntry"("contractId");

-- CreateIndex
CREATE INDEX "ContractObjection_contractId_idx" ON "ContractObjection"("contractId");

-- CreateIndex
CREATE INDEX "TerminationRequest_contractId_status_idx" ON "TerminationRequest"("contractId", "status");

-- CreateIndex
CREATE INDEX "EnterpriseChangeRequest_enterpriseId_status_idx" ON "EnterpriseChangeRequest"("enterpriseId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_enterpriseId_idx" ON "Invitation"("enterpriseId");

-- AddForeignKey
ALTER TABLE "ContractDocument" ADD CONSTRAINT "ContractDocument_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepositEntry" ADD CONSTRAINT "DepositEntry_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractObjection" ADD CONSTRAINT "ContractObjection_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerminationRequest" ADD CONSTRAINT "TerminationRequest_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnterpriseChangeRequest" ADD CONSTRAINT "EnterpriseChangeRequest_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
