-- VAT on the settlement receipt (issue 17 item 8): the rate is held exactly in basis points, effective from a
-- China date, and frozen on each receipt at issue. Receipts issued before this migration were at the 6 % default.
-- Adding a column with a constant default rewrites no row, so the immutability trigger on "Invoice" is not fired.
-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "taxRateBp" INTEGER NOT NULL DEFAULT 600;

-- CreateTable
CREATE TABLE "TaxRate" (
    "id" TEXT NOT NULL,
    "rateBp" INTEGER NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "TaxRate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TaxRate_effectiveOn_key" ON "TaxRate"("effectiveOn");

ALTER TABLE "TaxRate" ADD CONSTRAINT "TaxRate_rateBp_range" CHECK ("rateBp" >= 0 AND "rateBp" <= 10000);

-- The bureau's rate until FINANCE configures another: 6 % (现代服务业).
INSERT INTO "TaxRate" ("id", "rateBp", "effectiveOn") VALUES ('default-6pct', 600, DATE '2000-01-01');
