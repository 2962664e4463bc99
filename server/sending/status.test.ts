import { describe, expect, test } from "vitest";
import { loadSmppConfig } from "../smpp/config";
import { loadSendingConfig, segmentsPerBatch } from "./config";
import { MESSAGE_STATES } from "./views";
import type { SendJobStatus } from "../generated/prisma/enums";
import { OPEN_STATUSES, isCancellableJob, isFinalStatus, isLiveJob, messageOutcome, receiptOutcome } from "./status";

describe("message states", () => {
  test("open and final states split every state once", () => {
    expect([...OPEN_STATUSES].sort()).toEqual(["PENDING", "SUBMITTED", "SUBMITTING", "UNKNOWN"]);
    expect(MESSAGE_STATES.filter(isFinalStatus)).toEqual([
      "DELIVERED",
      "UNDELIVERED",
      "EXPIRED",
      "REJECTED",
      "FAILED",
      "OPTED_OUT",
      "NOT_ALLOWED",
      "CANCELLED",
    ]);
    expect(MESSAGE_STATES.filter((s) => !isFinalStatus(s))).toEqual([...OPEN_STATUSES]);
    expect(isFinalStatus("UNKNOWN")).toBe(false);
    expect(isFinalStatus("EXPIRED")).toBe(true);
  });

  test("receipt states: only final ones count", () => {
    expect(receiptOutcome("delivered")).toBe("DELIVERED");
    // ACCEPTD is what SMSCs send on taking a message: an intermediate report, the outcome follows.
    expect(receiptOutcome("accepted")).toBeNull();
    expect(receiptOutcome("undeliverable")).toBe("UNDELIVERED");
    expect(receiptOutcome("deleted")).toBe("UNDELIVERED");
    expect(receiptOutcome("expired")).toBe("EXPIRED");
    expect(receiptOutcome("rejected")).toBe("REJECTED");
    expect(receiptOutcome("enroute")).toBeNull();
    expect(receiptOutcome("unknown")).toBeNull();
  });

  test("a long message is delivered only if every segment was, else the worst segment", () => {
    expect(messageOutcome(["DELIVERED", "DELIVERED"])).toBe("DELIVERED");
    expect(messageOutcome(["DELIVERED", "EXPIRED"])).toBe("EXPIRED");
    expect(messageOutcome(["EXPIRED", "UNDELIVERED", "DELIVERED"])).toBe("UNDELIVERED");
    expect(messageOutcome(["UNDELIVERED", "REJECTED"])).toBe("REJECTED");
  });
});

describe("batch size", () => {
  test("what the account sends in SENDING_BATCH_SECONDS, between one chunk and SENDING_BATCH_MAX", () => {
    const sending = loadSendingConfig({}, loadSmppConfig({}));
    expect(sending).toMatchObject({
      chunk: 1000,
      batchMax: 5000,
      batchSeconds: 20,
      batchConcurrency: 2,
      enterpriseBatchConcurrency: 1,
      receiptTimeoutMs: 72 * 3_600_000,
    });
    // 1 bind at 100/s for 20 s.
    expect(segmentsPerBatch(loadSmppConfig({}), sending)).toBe(2000);
    // 4 binds at 100/s, but the account is limited to 150/s.
    expect(segmentsPerBatch(loadSmppConfig({ SMPP_BINDS: "4", SMPP_ACCOUNT_MAX_PER_SECOND: "150" }), sending)).toBe(
      3000,
    );
    // No limit: the cap.
    expect(segmentsPerBatch(loadSmppConfig({ SMPP_BIND_MAX_PER_SECOND: "0" }), sending)).toBe(5000);
    // Slow accounts still get at least one chunk.
    expect(segmentsPerBatch(loadSmppConfig({ SMPP_BIND_MAX_PER_SECOND: "10" }), sending)).toBe(1000);
  });

  test("settings are validated", () => {
    expect(() => loadSendingConfig({ SENDING_CHUNK: "0" }, loadSmppConfig({}))).toThrow(/SENDING_CHUNK/);
    expect(
      loadSendingConfig(
        { SENDING_RECEIPT_TIMEOUT_MINUTES: "0.5", SMPP_BINDS: "6" },
        loadSmppConfig({ SMPP_BINDS: "6" }),
      ),
    ).toMatchObject({ receiptTimeoutMs: 30_000, batchConcurrency: 6, enterpriseBatchConcurrency: 5 });
    // One enterprise may be given every slot, never more than there are.
    expect(
      loadSendingConfig(
        { SMPP_BINDS: "6", SENDING_ENTERPRISE_BATCH_CONCURRENCY: "9" },
        loadSmppConfig({ SMPP_BINDS: "6" }),
      ).enterpriseBatchConcurrency,
    ).toBe(6);
  });
});

describe("job states", () => {
  test("a job can be cancelled until it starts sending; sending jobs are live but not cancellable", () => {
    expect(
      ["SCHEDULED", "HELD_FOR_REVIEW", "QUEUED", "SENDING", "COMPLETED", "CANCELLED", "REJECTED"].filter((s) =>
        isCancellableJob(s as SendJobStatus),
      ),
    ).toEqual(["SCHEDULED", "HELD_FOR_REVIEW", "QUEUED"]);
    expect(
      ["SCHEDULED", "HELD_FOR_REVIEW", "QUEUED", "SENDING", "COMPLETED", "CANCELLED", "REJECTED"].filter((s) =>
        isLiveJob(s as SendJobStatus),
      ),
    ).toEqual(["SCHEDULED", "HELD_FOR_REVIEW", "QUEUED", "SENDING"]);
  });
});
