/*
  Warnings:

  - A unique constraint covering the columns `[paymentId]` on the table `DepositEntry` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterEnum
ALTER TYPE "DepositEntryKind" ADD VALUE 'OFFSET';

-- AlterEnum
ALTER TYPE "PaymentMethod" ADD VALUE 'DEPOSIT_OFFSET';

-- AlterTable
ALTER TABLE "DepositEntry" ADD COLUMN     "paymentId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "DepositEntry_paymentId_key" ON "DepositEntry"("paymentId");

-- AddForeignKey
ALTER TABLE "DepositEntry" ADD CONSTRAINT "DepositEntry_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
