-- Contract.endDate is the last day of service (an inclusive China date) for every contract.
-- Contracts terminated before this migration kept the validity's end there and the real end only in
-- "endedAt" (an instant, UTC, exclusive: 24:00 China time of the last day for a mutual termination,
-- the moment of the decision for a termination for cause). Move endDate back to the China date just
-- before that instant.
UPDATE "Contract"
SET "endDate" = LEAST("endDate", (("endedAt" + interval '8 hours') - interval '1 millisecond')::date)
WHERE "status" = 'TERMINATED' AND "endedAt" IS NOT NULL;
