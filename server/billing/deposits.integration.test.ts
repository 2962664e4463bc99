// The deposit at the end against what is still owed (issue 13 item 6): a terminated contract's
// deposit could be refunded in full with two statements unpaid. FINANCE now sees held against owed,
// can offset the deposit against the debt (both sides of one entry), and a refund that leaves a debt
// uncovered needs a reason.
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { recordDepositReceived } from "../contracts/deposit";
import { terminateForCause } from "../contracts/lifecycle";
import type { AppError } from "../errors";
import { translator } from "../i18n";
import { actorFor, callerFor, trpcCode, trpcError } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { closePeriod } from "./close";

let t: TestDatabase;
const cn = (local: string) => new Date(`${local}+08:00`);
const NOW = cn("2026-12-20T10:00:00");

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  await closePeriod(t.db, { period: "2026-10", now: cn("2026-11-01T00:10:00") });
  await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
});
afterAll(async () => t.drop());

/** The domain error behind a procedure's refusal. */
const refusedWith = async (promise: Promise<unknown>) => (await trpcError(promise)).cause as AppError;

async function terminated(number: string) {
  const contract = await t.db.contract.findUniqueOrThrow({ where: { number } });
  const finance = await actorFor(t.db, "finance@bureau.example.com");
  await recordDepositReceived(
    t.db,
    finance,
    {
      contractId: contract.id,
      amountFen: 500_000,
      method: "BANK_TRANSFER",
      reference: "押金",
      occurredOn: "2026-10-20",
    },
    cn("2026-10-20T10:00:00"),
  );
  await terminateForCause(
    t.db,
    await actorFor(t.db, "compliance@bureau.example.com"),
    contract.id,
    "CARRIER_POLICY",
    "运营商通知停止该业务",
    NOW,
  );
  return contract.id;
}

test("a refund may not leave the debt uncovered; the offset settles both statements; the rest is then refunded", async () => {
  const contractId = await terminated("QXT-HT-2026-0001");
  const finance = await callerFor(t.db, "finance@bureau.example.com", { now: NOW });
  // October 10,100 and November 10,100 (late fees to 20 December included, as the aging shows).
  const before = await finance.contracts.depositSettlement({ contractId });
  expect(before).toEqual({
    heldFen: 500_000,
    owedFen: 20_200,
    refundableFen: 479_800,
    offsetFen: 20_200,
    finalStatementPending: true,
  });

  const refusal = await refusedWith(
    finance.contracts.depositDecision({
      contractId,
      kind: "REFUNDED",
      amountFen: 500_000,
      method: "BANK_TRANSFER",
      occurredOn: "2026-12-20",
    }),
  );
  expect(refusal).toMatchObject({ code: "DEPOSIT_OWED", params: { owed: "202.00", max: "4,798.00" } });
  expect(translator("zh")("errors.DEPOSIT_OWED", refusal.params)).toBe(
    "该合同尚欠 202.00 元未付，最多可退 4,798.00 元；请先用押金抵扣欠款，或填写理由确认仍按此金额退还",
  );
  expect(await t.db.depositEntry.count({ where: { contractId, kind: "REFUNDED" } })).toBe(0);

  const offset = await finance.contracts.offsetDeposit({ contractId, occurredOn: "2026-12-20" });
  expect(offset.amountFen).toBe(20_200);
  expect(offset.settledStatementIds).toHaveLength(2);
  const payment = await t.db.payment.findUniqueOrThrow({
    where: { id: offset.paymentId },
    include: { allocations: true, depositEntry: true },
  });
  expect([payment.method, payment.amountFen, payment.depositEntry?.kind, payment.depositEntry?.amountFen]).toEqual([
    "DEPOSIT_OFFSET",
    20_200,
    "OFFSET",
    20_200,
  ]);
  expect(payment.allocations.reduce((sum, a) => sum + a.principalFen + a.lateFeeFen, 0)).toBe(20_200);
  const statements = await t.db.statement.findMany({ where: { contractId }, orderBy: { period: "asc" } });
  expect(statements.map((s) => [s.period, s.settledAt !== null])).toEqual([
    ["2026-10", true],
    ["2026-11", true],
  ]);

  expect(await finance.contracts.depositSettlement({ contractId })).toEqual({
    heldFen: 479_800,
    owedFen: 0,
    refundableFen: 479_800,
    offsetFen: 0,
    finalStatementPending: true,
  });
  expect((await refusedWith(finance.contracts.offsetDeposit({ contractId, occurredOn: "2026-12-20" }))).code).toBe(
    "DEPOSIT_NOTHING_TO_OFFSET",
  );
  await finance.contracts.depositDecision({
    contractId,
    kind: "REFUNDED",
    amountFen: 479_800,
    method: "BANK_TRANSFER",
    reference: "退押金",
    occurredOn: "2026-12-20",
  });
  expect((await finance.contracts.depositSettlement({ contractId })).heldFen).toBe(0);
  const audit = await t.db.auditLog.findFirstOrThrow({
    where: { action: "contract.deposit.offset", entityId: contractId },
  });
  expect(audit.detail).toMatchObject({ amountFen: 20_200, owedFen: 20_200, paymentId: offset.paymentId });
});

test("FINANCE may refund over the debt only with a reason, which the audit log keeps with what was owed", async () => {
  const contractId = await terminated("QXT-HT-2026-0002");
  const finance = await callerFor(t.db, "finance@bureau.example.com", { now: NOW });
  const { owedFen, refundableFen } = await finance.contracts.depositSettlement({ contractId });
  expect(owedFen).toBe(60_600);
  expect(
    (
      await refusedWith(
        finance.contracts.depositDecision({
          contractId,
          kind: "REFUNDED",
          amountFen: refundableFen + 1,
          method: "CASH",
          occurredOn: "2026-12-20",
        }),
      )
    ).code,
  ).toBe("DEPOSIT_OWED");
  // Within held − owed no reason is needed.
  await finance.contracts.depositDecision({
    contractId,
    kind: "REFUNDED",
    amountFen: 100_000,
    method: "CASH",
    occurredOn: "2026-12-20",
  });
  const held = (await finance.contracts.depositSettlement({ contractId })).heldFen;
  await finance.contracts.depositDecision({
    contractId,
    kind: "REFUNDED",
    amountFen: held,
    method: "CASH",
    occurredOn: "2026-12-20",
    overrideOwedReason: "欠款另行追缴，经局长批准",
  });
  const entry = await t.db.depositEntry.findFirstOrThrow({ where: { contractId, kind: "REFUNDED", amountFen: held } });
  expect(entry.reason).toBe("欠款另行追缴，经局长批准");
  const audit = await t.db.auditLog.findFirstOrThrow({
    where: { action: "contract.deposit.refunded", entityId: contractId },
    orderBy: { id: "desc" },
  });
  expect(audit.detail).toMatchObject({
    amountFen: held,
    owedFen: 60_600,
    overrideOwedReason: "欠款另行追缴，经局长批准",
  });
  // The debt stays: nothing was offset.
  expect((await finance.contracts.depositSettlement({ contractId })).owedFen).toBe(60_600);
});

test("only FINANCE and bureau admins; a date in the future and a contract not ended are refused", async () => {
  const sales = await callerFor(t.db, "sales@bureau.example.com", { now: NOW });
  const customer = await callerFor(t.db, "admin@demo.example.com", { now: NOW });
  const contractId = (await t.db.contract.findUniqueOrThrow({ where: { number: "QXT-HT-2026-0001" } })).id;
  expect(await trpcCode(sales.contracts.offsetDeposit({ contractId, occurredOn: "2026-12-20" }))).toBe("FORBIDDEN");
  expect(await trpcCode(customer.contracts.depositSettlement({ contractId }))).toBe("FORBIDDEN");
  const finance = await callerFor(t.db, "finance@bureau.example.com", { now: NOW });
  expect((await refusedWith(finance.contracts.offsetDeposit({ contractId, occurredOn: "2026-12-21" }))).code).toBe(
    "PAYMENT_DATE_INVALID",
  );
});
