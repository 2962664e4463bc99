import { describe, expect, it } from "vitest";
import { ESME, classifyCommandStatus, commandStatusName } from "./errors";

describe("command status table", () => {
  it("pauses and retries on throttling and a full queue only", () => {
    expect(classifyCommandStatus(ESME.RTHROTTLED)).toBe("throttle");
    expect(classifyCommandStatus(ESME.RMSGQFUL)).toBe("throttle");
    expect(classifyCommandStatus(ESME.ROK)).toBe("ok");
  });

  it("calls errors about the segment itself permanent", () => {
    for (const status of [
      ESME.RINVDSTADR,
      ESME.RINVSRCADR,
      ESME.RINVMSGLEN,
      0x0104,
      0x0043,
      0x00c4,
      ESME.RX_P_APPN,
      ESME.RX_R_APPN,
    ]) {
      expect(classifyCommandStatus(status)).toBe("permanent");
    }
  });

  it("calls transient SMSC trouble and unknown (vendor) codes retryable", () => {
    for (const status of [ESME.RSYSERR, ESME.RSUBMITFAIL, ESME.RX_T_APPN, ESME.RINVBNDSTS, 0x00fe, 0x0401, 0x0466]) {
      expect(classifyCommandStatus(status)).toBe("retryable");
    }
  });

  it("names statuses", () => {
    expect(commandStatusName(0x58)).toBe("ESME_RTHROTTLED");
    expect(commandStatusName(0x0b)).toBe("ESME_RINVDSTADR");
    expect(commandStatusName(0x401)).toBe("0x00000401");
  });
});
