-- Message indexes for the sending path (issue 5). Every Message update changes its status, an
-- indexed column, so each one writes a new entry into every index of the table (no HOT update):
-- an index on Message costs four writes per message (accepted, claimed, submitted, final).

-- (status, submittedAt) served only the open messages: the expiry sweep (SUBMITTED/UNKNOWN
-- submitted before the receipt timeout, server/sending/sweep.ts) and the UNKNOWN reconciliation
-- (UNKNOWN submitted within the window, server/sending/receipts.ts). Partial: a message gets an
-- entry only while it waits for its receipt (once, when submitted), not at each of its other states.
-- Prisma 6 cannot describe a partial index, so it is not in schema.prisma (see the comment there).
DROP INDEX "Message_status_submittedAt_idx";
CREATE INDEX "Message_open_status_submittedAt_idx" ON "Message"("status", "submittedAt") WHERE "status" IN ('SUBMITTED', 'UNKNOWN');

-- The portal's message search by date without a number and the usage report (enterprise + createdAt range).
CREATE INDEX "Message_enterpriseId_createdAt_idx" ON "Message"("enterpriseId", "createdAt");
