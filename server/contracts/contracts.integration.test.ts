// The contract lifecycle against a real database: registration, review, deposit, activation,
// renewal/expiry on China time, objections, termination, the sending gate and tenant isolation.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import type { Actor } from "../audit/log";
import { fromDbDate } from "../clock";
import { usccCheckCharacter } from "../enterprises/uscc";
import { appCode, appError, expectAppError } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { contractDocumentFor } from "./documents";
import { recordDepositDecision } from "../billing/deposits";
import { depositBalance, recordDepositReceived, reverseDepositEntry } from "./deposit";
import type { RegistrationInput } from "./inputs";
import {
  assertCanSend,
  decideTermination,
  lodgeObjection,
  requestTermination,
  runContractLifecycle,
  terminateForCause,
} from "./lifecycle";
import { submitEnterpriseChange } from "../enterprises/change-requests";
import { approvePartyChange } from "./party-change";
import { checkRegistrationStep, registerEnterprise } from "./registration";
import { contractDetail } from "./queries";
import { approveContract, rejectContract, resubmitContract, updateContractTerms } from "./review";

let t: TestDatabase;
let sales: Actor;
let finance: Actor;
let compliance: Actor;
const client = { ip: "198.51.100.1", userAgent: "vitest" };

let seq = 0;
/** A registration with a fresh valid USCC and e-mail. */
function registration(overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  seq++;
  // 17 characters, then the check character.
  const body = `91350100MA${String(10_000_000 + seq).slice(1)}`;
  return {
    enterprise: {
      name: `测试企业${seq}有限公司`,
      legalRepresentative: "王五",
      address: "示例市测试路 1 号",
      phone: "0591-88889999",
      uscc: withCheck(body),
      bankName: "中国银行示例支行",
      bankAccount: "6222 0000 0000 0001",
      contactName: "赵六",
      contactEmail: `contact${seq}@example.com`,
      contactMobile: "+86 139-0000-0000",
    },
    admin: { name: "赵六", email: `admin${seq}@register.example.com`, password: "Register!2026" },
    packageCode: "BASIC",
    startDate: "2026-12-01",
    ...overrides,
  };
}
const withCheck = (b: string) => b + usccCheckCharacter(b);

const NOW = new Date("2026-11-25T02:00:00Z"); // 10:00 China time

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  const staff = async (email: string): Promise<Actor> => {
    const u = await t.db.user.findUniqueOrThrow({ where: { email } });
    return { userId: u.id, role: u.role };
  };
  sales = await staff("sales@bureau.example.com");
  finance = await staff("finance@bureau.example.com");
  compliance = await staff("compliance@bureau.example.com");
});
afterAll(async () => t.drop());

describe("registration", () => {
  test("creates the enterprise, its admin and a PENDING_REVIEW contract with the bureau's default terms and document v1", async () => {
    const input = registration();
    const result = await registerEnterprise(t.db, input, client, NOW);
    expect(result.contractNumber).toMatch(/^QXT-HT-2026-\d{4}$/);
    const contract = await t.db.contract.findUniqueOrThrow({
      where: { id: result.contractId },
      include: { enterprise: true },
    });
    expect(contract.status).toBe("PENDING_REVIEW");
    expect(contract.enterprise.contactMobile).toBe("13900000000");
    expect(fromDbDate(contract.startDate)).toEqual({ year: 2026, month: 12, day: 1 });
    expect(fromDbDate(contract.endDate)).toEqual({ year: 2027, month: 11, day: 30 });
    expect(contract).toMatchObject({
      depositFen: 500_000,
      graceDays: 10,
      lateFeeRatePpm: 500,
      paymentWindowStartDay: 1,
      paymentWindowEndDay: 15,
      arbitrationCommission: "示例市仲裁委员会",
    });
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: input.admin.email } });
    expect(admin).toMatchObject({ role: "CUSTOMER_ADMIN", enterpriseId: contract.enterpriseId });
    const docs = await t.db.contractDocument.findMany({ where: { contractId: contract.id } });
    expect(docs.map((d) => d.version)).toEqual([1]);
    expect(Buffer.from(docs[0]!.pdf).subarray(0, 5).toString()).toBe("%PDF-");
    await expect(assertCanSend(t.db, contract.enterpriseId, NOW)).rejects.toMatchObject({
      code: "CONTRACT_NOT_ACTIVE",
      params: { status: "PENDING_REVIEW" },
    });
  });

  test("a duplicate USCC or e-mail gets its own clear error and stores nothing", async () => {
    const first = registration();
    await registerEnterprise(t.db, first, client, NOW);
    const before = await t.db.enterprise.count();
    expect(
      await appCode(
        registerEnterprise(
          t.db,
          {
            ...registration(),
            enterprise: { ...registration().enterprise, uscc: first.enterprise.uscc.toLowerCase() },
          },
          client,
          NOW,
        ),
      ),
    ).toBe("USCC_TAKEN");
    expect(
      await appCode(
        registerEnterprise(
          t.db,
          { ...registration(), admin: { ...first.admin, password: "Another!2026x" } },
          client,
          NOW,
        ),
      ),
    ).toBe("EMAIL_TAKEN");
    expect(
      await appCode(
        registerEnterprise(
          t.db,
          { ...registration(), enterprise: { ...registration().enterprise, uscc: "91350100M000100Y44" } },
          client,
          NOW,
        ),
      ),
    ).toBe("USCC_INVALID");
    expect(
      await appCode(
        registerEnterprise(
          t.db,
          { ...registration(), enterprise: { ...registration().enterprise, contactMobile: "12345" } },
          client,
          NOW,
        ),
      ),
    ).toBe("MOBILE_INVALID");
    expect(
      await appCode(
        registerEnterprise(
          t.db,
          { ...registration(), admin: { ...registration().admin, password: "short" } },
          client,
          NOW,
        ),
      ),
    ).toBe("PASSWORD_POLICY");
    expect(await t.db.enterprise.count()).toBe(before);

    // The same answers at the form's own steps, before the agreement is shown.
    expect(
      await appCode(
        checkRegistrationStep(t.db, {
          enterprise: { ...registration().enterprise, uscc: first.enterprise.uscc.toLowerCase() },
        }),
      ),
    ).toBe("USCC_TAKEN");
    expect(
      await appCode(
        checkRegistrationStep(t.db, { enterprise: { ...registration().enterprise, uscc: "91350100M000100Y44" } }),
      ),
    ).toBe("USCC_INVALID");
    expect(await appCode(checkRegistrationStep(t.db, { adminEmail: first.admin.email }))).toBe("EMAIL_TAKEN");
    expect(
      await checkRegistrationStep(t.db, {
        enterprise: registration().enterprise,
        adminEmail: registration().admin.email,
      }),
    ).toEqual({ ok: true });
    expect(await t.db.enterprise.count()).toBe(before);
  });
});

describe("review, deposit and activation", () => {
  test("approved + deposit received + start date reached → ACTIVE; before that the gate refuses", async () => {
    const { contractId, enterpriseId } = await registerEnterprise(t.db, registration(), client, NOW);
    await approveContract(t.db, sales, contractId, NOW);
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe("APPROVED");
    await recordDepositReceived(
      t.db,
      finance,
      { contractId, amountFen: 500_000, method: "BANK_TRANSFER", reference: "TX-1", occurredOn: "2026-11-26" },
      new Date("2026-11-26T02:00:00Z"),
    );
    // Start date (1 Dec) not yet reached.
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe("APPROVED");
    await expect(assertCanSend(t.db, enterpriseId, new Date("2026-11-30T15:59:00Z"))).rejects.toMatchObject({
      code: "CONTRACT_NOT_ACTIVE",
    });
    // 00:00 China time on 1 Dec is 16:00 UTC on 30 Nov: the daily job activates it.
    const summary = await runContractLifecycle(t.db, new Date("2026-11-30T16:10:00Z"));
    expect(summary.activated).toBeGreaterThanOrEqual(1);
    const active = await t.db.contract.findUniqueOrThrow({ where: { id: contractId } });
    expect(active.status).toBe("ACTIVE");
    expect((await assertCanSend(t.db, enterpriseId, new Date("2026-11-30T16:11:00Z"))).id).toBe(contractId);
    const history = await t.db.auditLog.findMany({
      where: { entityType: "Contract", entityId: contractId },
      orderBy: { id: "asc" },
    });
    expect(history.map((h) => h.action)).toEqual([
      "contract.submitted",
      "contract.document.issued",
      "contract.approved",
      "contract.deposit.received",
      "contract.activated",
    ]);
  });

  test("a partial deposit does not activate; the rest does", async () => {
    const { contractId } = await registerEnterprise(t.db, registration({ startDate: "2026-11-25" }), client, NOW);
    await approveContract(t.db, sales, contractId, NOW);
    await recordDepositReceived(
      t.db,
      finance,
      { contractId, amountFen: 200_000, method: "CASH", occurredOn: "2026-11-25" },
      NOW,
    );
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe("APPROVED");
    await recordDepositReceived(
      t.db,
      finance,
      { contractId, amountFen: 300_000, method: "CHEQUE", reference: "CHQ-9", occurredOn: "2026-11-25" },
      NOW,
    );
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe("ACTIVE");
  });

  test("the deposit form's rules: no future date, a reference for transfers and cheques, more than the deposit only with a reason", async () => {
    const { contractId } = await registerEnterprise(t.db, registration({ startDate: "2026-11-25" }), client, NOW);
    await approveContract(t.db, sales, contractId, NOW);
    const deposit = {
      contractId,
      amountFen: 500_000,
      method: "BANK_TRANSFER" as const,
      reference: "BOC-1",
      occurredOn: "2026-11-25",
    };
    // NOW is 25 November in China: the 26th is tomorrow; 2030 far off.
    await expectAppError(
      recordDepositReceived(t.db, finance, { ...deposit, occurredOn: "2026-11-26" }, NOW),
      "PAYMENT_DATE_INVALID",
    );
    await expectAppError(
      recordDepositReceived(t.db, finance, { ...deposit, occurredOn: "2030-01-01" }, NOW),
      "PAYMENT_DATE_INVALID",
    );
    await expectAppError(
      recordDepositReceived(t.db, finance, { ...deposit, reference: "  " }, NOW),
      "DEPOSIT_REFERENCE_REQUIRED",
    );
    await expectAppError(
      recordDepositReceived(t.db, finance, { ...deposit, method: "CHEQUE", reference: undefined }, NOW),
      "DEPOSIT_REFERENCE_REQUIRED",
    );
    expect(await t.db.depositEntry.count({ where: { contractId } })).toBe(0);
    await recordDepositReceived(t.db, finance, deposit, NOW);
    // A second 5,000.00 元 on top of the first is refused with what is required and received.
    await expectAppError(
      recordDepositReceived(t.db, finance, { ...deposit, reference: "BOC-2" }, NOW),
      "DEPOSIT_MORE_THAN_REQUIRED",
      { required: "5,000.00", received: "5,000.00", max: "0.00" },
    );
    await recordDepositReceived(
      t.db,
      finance,
      { ...deposit, amountFen: 10_000, reference: "BOC-3", overCollectReason: "客户多汇 100 元，下月退还" },
      NOW,
    );
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "contract.deposit.received", entityId: contractId },
      orderBy: { id: "desc" },
    });
    expect(audit.detail).toMatchObject({
      amountFen: 10_000,
      overCollectReason: "客户多汇 100 元，下月退还",
      requiredFen: 500_000,
      receivedBeforeFen: 500_000,
    });
  });

  test("a wrong deposit entry is corrected by a reversing entry; the wrong one stays, and cannot be reversed twice", async () => {
    const { contractId } = await registerEnterprise(t.db, registration({ startDate: "2026-11-25" }), client, NOW);
    await approveContract(t.db, sales, contractId, NOW);
    const wrong = await recordDepositReceived(
      t.db,
      finance,
      { contractId, amountFen: 50_000, method: "CASH", occurredOn: "2026-11-25" },
      NOW,
    );
    const reversal = await reverseDepositEntry(
      t.db,
      finance,
      { entryId: wrong.id, reason: "金额录错，应为 5,000 元" },
      NOW,
    );
    expect([reversal.kind, reversal.amountFen, reversal.reversesId, reversal.reason]).toEqual([
      "RECEIVED",
      -50_000,
      wrong.id,
      "金额录错，应为 5,000 元",
    ]);
    expect(await t.db.depositEntry.findUniqueOrThrow({ where: { id: wrong.id } })).toMatchObject({
      amountFen: 50_000,
      kind: "RECEIVED",
    });
    expect(await depositBalance(t.db, contractId)).toMatchObject({ receivedFen: 0, heldFen: 0 });
    await expectAppError(
      reverseDepositEntry(t.db, finance, { entryId: wrong.id, reason: "再来一次" }, NOW),
      "DEPOSIT_ENTRY_NOT_REVERSIBLE",
    );
    await expectAppError(
      reverseDepositEntry(t.db, finance, { entryId: reversal.id, reason: "冲正的冲正" }, NOW),
      "DEPOSIT_ENTRY_NOT_REVERSIBLE",
    );
    // The right amount now counts in full and activates the contract.
    await recordDepositReceived(
      t.db,
      finance,
      { contractId, amountFen: 500_000, method: "CASH", occurredOn: "2026-11-25" },
      NOW,
    );
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe("ACTIVE");
    expect(
      (await t.db.auditLog.findFirstOrThrow({ where: { action: "contract.deposit.reversed", entityId: contractId } }))
        .detail,
    ).toMatchObject({ entryId: wrong.id, amountFen: 50_000 });
  });

  test("activation never waits for the nightly job: the start day's first send, a terms edit, and the page says what is missing", async () => {
    // Registered on 25 November for 1 December, approved, deposit in full: still APPROVED, waiting for the start date only.
    const { contractId, enterpriseId } = await registerEnterprise(
      t.db,
      registration({ startDate: "2026-12-01" }),
      client,
      NOW,
    );
    await approveContract(t.db, sales, contractId, NOW);
    expect((await contractDetail(t.db, contractId, NOW)).activationGaps).toEqual([
      { kind: "DEPOSIT", receivedFen: 0, requiredFen: 500_000 },
      { kind: "START_DATE", startDate: "2026-12-01" },
    ]);
    await recordDepositReceived(
      t.db,
      finance,
      { contractId, amountFen: 200_000, method: "CASH", occurredOn: "2026-11-25" },
      NOW,
    );
    expect((await contractDetail(t.db, contractId, NOW)).activationGaps).toEqual([
      { kind: "DEPOSIT", receivedFen: 200_000, requiredFen: 500_000 },
      { kind: "START_DATE", startDate: "2026-12-01" },
    ]);
    await recordDepositReceived(
      t.db,
      finance,
      { contractId, amountFen: 300_000, method: "CASH", occurredOn: "2026-11-25" },
      NOW,
    );
    expect((await contractDetail(t.db, contractId, NOW)).activationGaps).toEqual([
      { kind: "START_DATE", startDate: "2026-12-01" },
    ]);
    // 23:59:59 on 30 November China time: not yet. 00:00:01 on 1 December: the first send activates it, no job has run.
    await expect(assertCanSend(t.db, enterpriseId, new Date("2026-11-30T15:59:59Z"))).rejects.toMatchObject({
      code: "CONTRACT_NOT_ACTIVE",
      params: { status: "APPROVED" },
    });
    expect((await assertCanSend(t.db, enterpriseId, new Date("2026-11-30T16:00:01Z"))).status).toBe("ACTIVE");
    const active = await t.db.contract.findUniqueOrThrow({ where: { id: contractId } });
    expect([active.status, active.activatedAt?.toISOString()]).toEqual(["ACTIVE", "2026-11-30T16:00:01.000Z"]);
    expect((await contractDetail(t.db, contractId, new Date("2026-11-30T16:00:01Z"))).activationGaps).toEqual([]);

    // SALES moves another approved, fully paid contract's start to today: ACTIVE at once.
    const other = await registerEnterprise(t.db, registration({ startDate: "2026-12-01" }), client, NOW);
    await approveContract(t.db, sales, other.contractId, NOW);
    await recordDepositReceived(
      t.db,
      finance,
      { contractId: other.contractId, amountFen: 500_000, method: "CASH", occurredOn: "2026-11-25" },
      NOW,
    );
    const row = await t.db.contract.findUniqueOrThrow({ where: { id: other.contractId } });
    const terms = {
      startDate: "2026-11-25",
      endDate: "2027-11-30",
      paymentWindowStartDay: row.paymentWindowStartDay,
      paymentWindowEndDay: row.paymentWindowEndDay,
      graceDays: row.graceDays,
      lateFeeRatePpm: row.lateFeeRatePpm,
      suspensionAfterDays: row.suspensionAfterDays,
      changeCutoffDay: row.changeCutoffDay,
      renewalYears: row.renewalYears,
      objectionNoticeDays: row.objectionNoticeDays,
      arbitrationCommission: row.arbitrationCommission,
      depositFen: row.depositFen,
      freePackageDailyCap: row.freePackageDailyCap,
      signingPlace: row.signingPlace,
    };
    await updateContractTerms(t.db, sales, other.contractId, terms, NOW);
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: other.contractId } })).status).toBe("ACTIVE");
  });

  test("a rejected application shows its reason, is corrected and resubmitted with a new document version", async () => {
    const input = registration();
    const { contractId, enterpriseId } = await registerEnterprise(t.db, input, client, NOW);
    await rejectContract(t.db, sales, contractId, "开户行名称有误", NOW);
    const rejected = await t.db.contract.findUniqueOrThrow({ where: { id: contractId } });
    expect(rejected).toMatchObject({ status: "REJECTED", rejectionReason: "开户行名称有误" });
    expect(await appCode(approveContract(t.db, sales, contractId, NOW))).toBe("CONTRACT_STATE");
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: input.admin.email } });
    await resubmitContract(
      t.db,
      { userId: admin.id, role: admin.role },
      enterpriseId,
      { enterprise: { ...input.enterprise, bankName: "中国银行示例市分行" }, packageCode: "STANDARD" },
      NOW,
    );
    const resubmitted = await t.db.contract.findUniqueOrThrow({
      where: { id: contractId },
      include: { enterprise: true, package: true },
    });
    expect(resubmitted.status).toBe("PENDING_REVIEW");
    expect(resubmitted.enterprise.bankName).toBe("中国银行示例市分行");
    expect(resubmitted.package.code).toBe("STANDARD");
    expect(
      (await t.db.contractDocument.findMany({ where: { contractId }, orderBy: { version: "asc" } })).map(
        (d) => d.version,
      ),
    ).toEqual([1, 2]);
  });
});

async function activeContract(overrides: Partial<RegistrationInput> = {}) {
  const r = await registerEnterprise(t.db, registration({ startDate: "2026-11-25", ...overrides }), client, NOW);
  await approveContract(t.db, sales, r.contractId, NOW);
  await recordDepositReceived(
    t.db,
    finance,
    {
      contractId: r.contractId,
      amountFen: 500_000,
      method: "BANK_TRANSFER",
      reference: "TX-ACTIVE",
      occurredOn: "2026-11-25",
    },
    NOW,
  );
  return r;
}

describe("renewal, objection and expiry (三)", () => {
  test("without objection the contract renews at 24:00 China time on its end date, by the renewal term", async () => {
    const { contractId } = await activeContract();
    // end date 2027-10-31 (start 2026-11-25 + 1 year → last day of October 2027)
    const c = await t.db.contract.findUniqueOrThrow({ where: { id: contractId } });
    expect(fromDbDate(c.endDate)).toEqual({ year: 2027, month: 10, day: 31 });
    // 23:59 China time on 31 Oct 2027 (15:59Z): nothing happens.
    await runContractLifecycle(t.db, new Date("2027-10-31T15:59:00Z"));
    expect(fromDbDate((await t.db.contract.findUniqueOrThrow({ where: { id: contractId } })).endDate)).toEqual({
      year: 2027,
      month: 10,
      day: 31,
    });
    // 00:05 China time on 1 Nov (16:05Z on 31 Oct UTC): renewed to 2028-10-31.
    await runContractLifecycle(t.db, new Date("2027-10-31T16:05:00Z"));
    const renewed = await t.db.contract.findUniqueOrThrow({ where: { id: contractId } });
    expect(renewed.status).toBe("ACTIVE");
    expect(fromDbDate(renewed.endDate)).toEqual({ year: 2028, month: 10, day: 31 });
    expect(renewed.renewals).toBe(1);
    // Running the job again changes nothing.
    await runContractLifecycle(t.db, new Date("2027-10-31T17:00:00Z"));
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: contractId } })).renewals).toBe(1);
    expect(await t.db.contractDocument.count({ where: { contractId } })).toBe(2);
  });

  test("an objection on the last allowed day stops renewal; one day late it is refused with the last day", async () => {
    const late = await activeContract();
    // end 2027-10-31, 30 days' notice → last allowed day 2027-10-01 (China time).
    const admin = await t.db.user.findFirstOrThrow({ where: { enterpriseId: late.enterpriseId } });
    const actor = { userId: admin.id, role: admin.role };
    const error = await appError(
      lodgeObjection(t.db, actor, "CUSTOMER", late.contractId, "不再续约", new Date("2027-10-01T16:00:00Z")),
    );
    expect(error.code).toBe("OBJECTION_TOO_LATE");
    expect(error.params).toEqual({ days: 30, lastDay: "2027-10-01" });

    const inTime = await activeContract();
    expect((await contractDetail(t.db, inTime.contractId, NOW)).objectionsAgainstRenewal).toEqual([]);
    await lodgeObjection(
      t.db,
      sales,
      "BUREAU",
      inTime.contractId,
      "运营商政策调整，不再续约",
      new Date("2027-10-01T15:59:59Z"),
    );
    // Shown on the contract while it runs: it ends on 31 October and is not renewed.
    expect(
      (await contractDetail(t.db, inTime.contractId, new Date("2027-10-02T02:00:00Z"))).objectionsAgainstRenewal,
    ).toMatchObject([{ party: "BUREAU", reason: "运营商政策调整，不再续约" }]);
    await runContractLifecycle(t.db, new Date("2027-10-31T16:00:00Z"));
    const ended = await t.db.contract.findUniqueOrThrow({ where: { id: inTime.contractId } });
    expect(ended).toMatchObject({ status: "EXPIRED", endReason: "EXPIRED" });
    expect(ended.endedAt?.toISOString()).toBe("2027-10-31T16:00:00.000Z");
    await expect(assertCanSend(t.db, inTime.enterpriseId, new Date("2027-11-01T00:00:00Z"))).rejects.toMatchObject({
      code: "CONTRACT_NOT_ACTIVE",
    });
  });
});

describe("termination", () => {
  test("early termination needs the other side's confirmation; the requester cannot confirm", async () => {
    const { contractId, enterpriseId } = await activeContract();
    const admin = await t.db.user.findFirstOrThrow({ where: { enterpriseId } });
    const customer = { userId: admin.id, role: admin.role };
    const request = await requestTermination(
      t.db,
      customer,
      "CUSTOMER",
      contractId,
      { reason: "业务调整", effectiveOn: "2026-12-31" },
      NOW,
    );
    expect(await appCode(decideTermination(t.db, customer, "CUSTOMER", request.id, "CONFIRM", undefined, NOW))).toBe(
      "FORBIDDEN",
    );
    await decideTermination(t.db, sales, "BUREAU", request.id, "CONFIRM", "同意", NOW);
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe("ACTIVE");
    // Both sides see the agreed end while it still runs (status 终止中, ends on the 31st).
    const agreed = await contractDetail(t.db, contractId, NOW);
    expect(agreed.agreedEnd).toMatchObject({
      effectiveDay: { year: 2026, month: 12, day: 31 },
      requestedBy: "CUSTOMER",
      reason: "业务调整",
    });
    expect(agreed.agreedEnd?.decidedAt?.getTime()).toBe(NOW.getTime());
    // Ends at 24:00 of 31 Dec China time.
    await runContractLifecycle(t.db, new Date("2026-12-31T15:59:00Z"));
    expect((await t.db.contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe("ACTIVE");
    await runContractLifecycle(t.db, new Date("2026-12-31T16:00:00Z"));
    const ended = await t.db.contract.findUniqueOrThrow({ where: { id: contractId } });
    expect(ended).toMatchObject({ status: "TERMINATED", endReason: "MUTUAL_TERMINATION" });
  });

  test("termination for prohibited content is immediate; the deposit is then kept with a reason", async () => {
    const { contractId, enterpriseId } = await activeContract();
    await terminateForCause(t.db, compliance, contractId, "PROHIBITED_CONTENT", "发送违法内容，经核实", NOW);
    await expect(assertCanSend(t.db, enterpriseId, NOW)).rejects.toMatchObject({
      code: "CONTRACT_NOT_ACTIVE",
      params: { status: "TERMINATED" },
    });
    expect(
      await appCode(
        recordDepositDecision(
          t.db,
          finance,
          { contractId, kind: "KEPT", amountFen: 500_000, occurredOn: "2026-11-25" },
          NOW,
        ),
      ),
    ).toBe("INVALID_REQUEST");
    expect(
      await appCode(
        recordDepositDecision(
          t.db,
          finance,
          { contractId, kind: "REFUNDED", amountFen: 600_000, method: "BANK_TRANSFER", occurredOn: "2026-11-25" },
          NOW,
        ),
      ),
    ).toBe("INVALID_REQUEST");
    await recordDepositDecision(
      t.db,
      finance,
      { contractId, kind: "KEPT", amountFen: 500_000, occurredOn: "2026-11-25", reason: "违约（乙方 3）" },
      NOW,
    );
    expect(
      await appCode(
        recordDepositDecision(
          t.db,
          finance,
          { contractId, kind: "REFUNDED", amountFen: 1, method: "CASH", occurredOn: "2026-11-25" },
          NOW,
        ),
      ),
    ).toBe("INVALID_REQUEST");
  });

  test("a suspended contract is refused as ACCOUNT_SUSPENDED", async () => {
    const { contractId, enterpriseId } = await activeContract();
    await t.db.contract.update({ where: { id: contractId }, data: { status: "SUSPENDED" } });
    expect(await appCode(assertCanSend(t.db, enterpriseId, NOW))).toBe("ACCOUNT_SUSPENDED");
  });
});

describe("documents are tenant-scoped", () => {
  test("one enterprise can never read another's contract documents; staff can", async () => {
    const a = await registerEnterprise(t.db, registration(), client, NOW);
    const b = await registerEnterprise(t.db, registration(), client, NOW);
    const viewerA = { role: "CUSTOMER_ADMIN" as const, enterpriseId: a.enterpriseId };
    expect((await contractDocumentFor(t.db, viewerA, a.contractId, 1)).fileName).toBe(`${a.contractNumber}-v1.pdf`);
    expect(await appCode(contractDocumentFor(t.db, viewerA, b.contractId, 1))).toBe("NOT_FOUND");
    expect(
      (await contractDocumentFor(t.db, { role: "FINANCE", enterpriseId: null }, b.contractId, 1)).pdf.length,
    ).toBeGreaterThan(1000);
  });
});

describe("party details change", () => {
  test("an approved change of the customer's details issues a new contract document with the new details", async () => {
    const { contractId, enterpriseId } = await activeContract();
    const admin = await t.db.user.findFirstOrThrow({ where: { enterpriseId } });
    const request = await submitEnterpriseChange(
      t.db,
      { userId: admin.id, role: admin.role, enterpriseId },
      { address: "示例市新址大道 8 号" },
      NOW,
    );
    const result = await approvePartyChange(t.db, sales, request.id, NOW);
    expect(result).toEqual({ enterpriseId, documentsIssued: 1 });
    const docs = await t.db.contractDocument.findMany({ where: { contractId }, orderBy: { version: "asc" } });
    expect(docs.map((d) => d.version)).toEqual([1, 2]);
    expect((docs[1]?.terms as { customer: { address: string } }).customer.address).toBe("示例市新址大道 8 号");
    expect((docs[0]?.terms as { customer: { address: string } }).customer.address).toBe("示例市测试路 1 号");
  });
});
