-- Issued billing documents print only what was frozen when they were issued (issue 13 item 4).

-- AlterTable: added nullable, filled from the live values for rows issued before this migration, then required.
ALTER TABLE "CreditNote" ADD COLUMN     "snapshot" JSONB;
ALTER TABLE "Invoice" ADD COLUMN     "snapshot" JSONB;
ALTER TABLE "Statement" ADD COLUMN     "snapshot" JSONB;

UPDATE "Statement" s SET "snapshot" = jsonb_build_object(
  'contractNumber', c."number",
  'bureau', jsonb_build_object('name', COALESCE(b."name", ''), 'uscc', COALESCE(b."uscc", ''), 'bankName', COALESCE(b."bankName", ''), 'bankAccount', COALESCE(b."bankAccount", '')),
  'customer', jsonb_build_object('name', e."name", 'uscc', e."uscc", 'address', e."address"),
  'package', jsonb_build_object('code', s."packageCode", 'name', p."nameZh"))
FROM "Contract" c
JOIN "Enterprise" e ON e."id" = c."enterpriseId"
CROSS JOIN "Package" p
LEFT JOIN "BureauConfig" b ON b."id" = 1
WHERE c."id" = s."contractId" AND p."id" = s."packageId";

UPDATE "Invoice" i SET "snapshot" = jsonb_build_object(
  'seller', jsonb_build_object('name', COALESCE(b."name", ''), 'uscc', COALESCE(b."uscc", '')),
  'buyer', jsonb_build_object('name', e."name", 'uscc', e."uscc"))
FROM "Contract" c
JOIN "Enterprise" e ON e."id" = c."enterpriseId"
LEFT JOIN "BureauConfig" b ON b."id" = 1
WHERE c."id" = i."contractId";

UPDATE "CreditNote" n SET "snapshot" = jsonb_build_object(
  'contractNumber', c."number",
  'bureau', jsonb_build_object('name', COALESCE(b."name", '')),
  'customer', jsonb_build_object('name', e."name", 'uscc', e."uscc"))
FROM "Contract" c
JOIN "Enterprise" e ON e."id" = c."enterpriseId"
LEFT JOIN "BureauConfig" b ON b."id" = 1
WHERE c."id" = n."contractId";

ALTER TABLE "CreditNote" ALTER COLUMN "snapshot" SET NOT NULL;
ALTER TABLE "Invoice" ALTER COLUMN "snapshot" SET NOT NULL;
ALTER TABLE "Statement" ALTER COLUMN "snapshot" SET NOT NULL;

-- Issued documents and the money recorded against them are immutable at the database, as the audit
-- log is: corrections are credit notes and new payments, never edits. The one exception is Statement's
-- ledger bookkeeping, which the code updates after issue:
--   "settledAt" goes from NULL to a time once, when nothing is owed any more (ledger.settleStatement);
--   "lateFeeCarriedOutFen" only grows, when a later statement carries its late fees (close.issueStatement).
CREATE FUNCTION billing_document_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable once issued: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION statement_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'Statement rows are immutable once issued: DELETE refused';
  END IF;
  IF (to_jsonb(NEW) - 'settledAt' - 'lateFeeCarriedOutFen') IS DISTINCT FROM (to_jsonb(OLD) - 'settledAt' - 'lateFeeCarriedOutFen')
     OR (OLD."settledAt" IS NOT NULL AND NEW."settledAt" IS DISTINCT FROM OLD."settledAt")
     OR NEW."lateFeeCarriedOutFen" < OLD."lateFeeCarriedOutFen" THEN
    RAISE EXCEPTION 'Statement rows are immutable once issued: UPDATE refused (only settledAt from NULL to a time and a growing lateFeeCarriedOutFen are allowed)';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER statement_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "Statement"
  FOR EACH ROW EXECUTE FUNCTION statement_immutable();

CREATE TRIGGER statement_line_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "StatementLine"
  FOR EACH ROW EXECUTE FUNCTION billing_document_immutable();

CREATE TRIGGER invoice_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "Invoice"
  FOR EACH ROW EXECUTE FUNCTION billing_document_immutable();

CREATE TRIGGER credit_note_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "CreditNote"
  FOR EACH ROW EXECUTE FUNCTION billing_document_immutable();

CREATE TRIGGER payment_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "Payment"
  FOR EACH ROW EXECUTE FUNCTION billing_document_immutable();

CREATE TRIGGER allocation_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "Allocation"
  FOR EACH ROW EXECUTE FUNCTION billing_document_immutable();
