import { describe, expect, it } from "vitest";
import { loadCmppConfig } from "./config";

describe("loadCmppConfig", () => {
  it("reads the link from CMPP_* with defaults for the local simulator", () => {
    const config = loadCmppConfig({
      CMPP_URL: "cmpp://10.0.0.5:7891",
      CMPP_VERSION: "2.0",
      CMPP_SOURCE_ADDR: "912345",
      CMPP_SRC_ID: "1069012345",
      CMPP_CONNECTIONS: "4",
    });
    expect(config).toMatchObject({
      host: "10.0.0.5",
      port: 7891,
      version: "2.0",
      sourceAddr: "912345",
      spId: "912345",
      srcId: "1069012345",
      connections: 4,
      window: 16,
    });
  });

  it("lists every problem", () => {
    expect(() => loadCmppConfig({ CMPP_URL: "smpp://x", CMPP_VERSION: "4.0", CMPP_SOURCE_ADDR: "1234567" })).toThrow(
      /CMPP_URL[\s\S]*CMPP_VERSION[\s\S]*CMPP_SOURCE_ADDR/,
    );
    expect(() => loadCmppConfig({ CMPP_RECONNECT_MIN_MS: "500", CMPP_RECONNECT_MAX_MS: "100" })).toThrow(/reconnect/);
  });
});
