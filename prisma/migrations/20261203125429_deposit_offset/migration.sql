/*
  Warnings:

  - A unique constraint covering the columns `[paymentId]` on the table `DepositEntry` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[reversesId]` on the table `DepositEntry` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterEnum
ALTER TYPE "DepositEntryKind" ADD VALUE 'OFFSET';

-- AlterEnum
ALTER TYPE "PaymentMethod" ADD VALUE 'DEPOSIT_OFFSET';

-- AlterTable
ALTER TABLE "DepositEntry" ADD COLUMN     "paymentId" TEXT,
ADD COLUMN     "reversesId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "DepositEntry_paymentId_key" ON "DepositEntry"("paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "DepositEntry_reversesId_key" ON "DepositEntry"("reversesId");

-- AddForeignKey
ALTER TABLE "DepositEntry" ADD CONSTRAINT "DepositEntry_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepositEntry" ADD CONSTRAINT "DepositEntry_reversesId_fkey" FOREIGN KEY ("reversesId") REFERENCES "DepositEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;
