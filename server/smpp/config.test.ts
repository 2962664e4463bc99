import { describe, expect, it } from "vitest";
import { loadSmppConfig } from "./config";

describe("loadSmppConfig", () => {
  it("defaults to the local simulator", () => {
    const config = loadSmppConfig({});
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 2775,
      systemId: "qixintong",
      password: "secret",
      binds: 1,
      window: 10,
      bindMaxPerSecond: 100,
      accountMaxPerSecond: 0,
      messageIdFormats: { submitResponse: "text", receiptTlv: "text", receiptText: "text" },
    });
  });

  it("reads every variable", () => {
    const config = loadSmppConfig({
      SMPP_URL: "smpp://smsc.example.cn:7890",
      SMPP_SYSTEM_ID: "ent001",
      SMPP_PASSWORD: "pw",
      SMPP_SYSTEM_TYPE: "CMT",
      SMPP_SOURCE_ADDR: "106900001234",
      SMPP_SOURCE_TON: "2",
      SMPP_SOURCE_NPI: "1",
      SMPP_BINDS: "4",
      SMPP_WINDOW: "50",
      SMPP_BIND_MAX_PER_SECOND: "200",
      SMPP_ACCOUNT_MAX_PER_SECOND: "500",
      SMPP_ID_FORMAT_SUBMIT: "hex",
      SMPP_ID_FORMAT_RECEIPT_TEXT: "decimal",
    });
    expect(config).toMatchObject({
      host: "smsc.example.cn",
      port: 7890,
      systemId: "ent001",
      systemType: "CMT",
      source: { address: "106900001234", ton: 2, npi: 1 },
      binds: 4,
      window: 50,
      bindMaxPerSecond: 200,
      accountMaxPerSecond: 500,
      messageIdFormats: { submitResponse: "hex", receiptTlv: "hex", receiptText: "decimal" },
    });
  });

  it("lists what is wrong", () => {
    const message = (() => {
      try {
        loadSmppConfig({ SMPP_URL: "http://x", SMPP_WINDOW: "0", SMPP_PASSWORD: "far-too-long" });
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    for (const name of ["SMPP_URL", "SMPP_WINDOW", "SMPP_PASSWORD"]) expect(message).toContain(name);
    expect(() => loadSmppConfig({ SMPP_REBIND_MIN_MS: "5000", SMPP_REBIND_MAX_MS: "1000" })).toThrow(/REBIND/);
    expect(() => loadSmppConfig({ SMPP_ID_FORMAT_SUBMIT: "octal" })).toThrow(/SMPP_ID_FORMAT_SUBMIT/);
  });
});
