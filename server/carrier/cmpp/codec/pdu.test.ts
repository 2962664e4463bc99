// Every PDU against hex written by hand from the field tables of CMPP 3.0 / 2.0 (§6.2): each line
// below is one field, in order, with its width. The MD5 values were computed apart from this code
// (python hashlib over the bytes named in the comment).
import { describe, expect, it } from "vitest";
import { authenticatorIsmg, authenticatorSource, connectTimestamp, describeConnectStatus } from "./auth";
import { type CmppPdu, type CmppVersion, PduFramer, decodePdu, encodePdu } from "./pdu";
import { decodeReport, encodeReport, reportLength, reportState, reportTime } from "./report";

const hex = (...parts: string[]) => Buffer.from(parts.join("").replace(/\s+/g, ""), "hex");
const zeros = (n: number) => "00".repeat(n);

const SOURCE_ADDR = "393031323334"; // "901234"
const SERVICE_ID = "4d515830303139393031"; // "MQX0019901"
const SRC_ID = "313036393030303031323334"; // "106900001234" (12 octets)
const HANDSET = "3133383030313338303030"; // "13800138000" (11 octets)
const MSG_ID = "c1c2d041e240002a"; // month 12, day 3, 16:45:01, gateway 123456, sequence 42
// MD5("901234" + 9 x 00 + "secret" + "1203164501")
const AUTH_SOURCE = "6c8baeb2376ddb82932221a00f903be3";
// MD5(00000000 + AUTH_SOURCE + "secret") and MD5(00 + AUTH_SOURCE + "secret")
const AUTH_ISMG_30 = "2c556e4d21bbda4b1a921086a10e2b06";
const AUTH_ISMG_20 = "5d85e733c1e73ee6987e91f09b52f4ee";

function roundTrip(pdu: CmppPdu, version: CmppVersion, expected: Buffer) {
  expect(encodePdu(pdu, version).toString("hex")).toBe(expected.toString("hex"));
  expect(decodePdu(expected, version)).toEqual(pdu);
}

describe("CMPP_CONNECT authenticator", () => {
  it("is MD5(Source_Addr + 9 NULs + secret + MMDDHHMMSS) at a fixed time", () => {
    const ts = connectTimestamp(new Date("2026-12-03T08:45:01Z")); // 16:45:01 China time
    expect(ts).toEqual({ text: "1203164501", value: 1203164501 });
    expect(authenticatorSource("901234", "secret", ts.text).toString("hex")).toBe(AUTH_SOURCE);
  });

  it("keeps the leading zero of January in the digest", () => {
    expect(connectTimestamp(new Date("2026-01-05T01:30:00Z")).text).toBe("0105093000");
  });

  it("checks the ISMG's answer with the Status in its version's width", () => {
    expect(authenticatorIsmg(0, hex(AUTH_SOURCE), "secret", "3.0").toString("hex")).toBe(AUTH_ISMG_30);
    expect(authenticatorIsmg(0, hex(AUTH_SOURCE), "secret", "2.0").toString("hex")).toBe(AUTH_ISMG_20);
  });

  it("names the refusals", () => {
    expect(describeConnectStatus(2).code).toBe("BAD_SOURCE_ADDR");
    expect(describeConnectStatus(3).code).toBe("AUTH_FAILED");
    expect(describeConnectStatus(4).code).toBe("VERSION_TOO_HIGH");
    expect(describeConnectStatus(1).code).toBe("BAD_STRUCTURE");
    expect(describeConnectStatus(9).code).toBe("CONNECT_STATUS_9");
  });
});

describe("CMPP_CONNECT / CONNECT_RESP", () => {
  for (const [version, versionByte] of [
    ["3.0", "30"],
    ["2.0", "20"],
  ] as const) {
    it(`CONNECT ${version}`, () => {
      roundTrip(
        {
          command: "connect",
          sequenceId: 1,
          sourceAddr: "901234",
          authenticatorSource: hex(AUTH_SOURCE),
          version: parseInt(versionByte, 16),
          timestamp: 1203164501,
        },
        version,
        hex(
          "00000027", // Total_Length 39
          "00000001", // Command_Id CMPP_CONNECT
          "00000001", // Sequence_Id
          SOURCE_ADDR, // Source_Addr 6
          AUTH_SOURCE, // AuthenticatorSource 16
          versionByte, // Version 1
          "47b6d555", // Timestamp 4: 1203164501
        ),
      );
    });
  }

  it("CONNECT_RESP 3.0: Status is 4 octets", () => {
    roundTrip(
      { command: "connect_resp", sequenceId: 1, status: 0, authenticatorIsmg: hex(AUTH_ISMG_30), version: 0x30 },
      "3.0",
      hex("00000021", "80000001", "00000001", "00000000", AUTH_ISMG_30, "30"),
    );
  });

  it("CONNECT_RESP 2.0: Status is 1 octet", () => {
    roundTrip(
      { command: "connect_resp", sequenceId: 1, status: 3, authenticatorIsmg: hex(zeros(16)), version: 0x20 },
      "2.0",
      hex("0000001e", "80000001", "00000001", "03", zeros(16), "20"),
    );
  });

  it("reads a 2.0 gateway's 1-octet Status on a 3.0 link (how 'version too high' arrives)", () => {
    const pdu = decodePdu(hex("0000001e", "80000001", "00000001", "04", zeros(16), "20"), "3.0");
    expect(pdu).toMatchObject({ command: "connect_resp", status: 4, version: 0x20 });
  });
});

const submitFields = {
  command: "submit" as const,
  sequenceId: 2,
  msgId: 0n,
  pkTotal: 1,
  pkNumber: 1,
  registeredDelivery: 1,
  msgLevel: 1,
  serviceId: "MQX0019901",
  feeUserType: 2,
  feeTerminalId: "",
  feeTerminalType: 0,
  tpPid: 0,
  tpUdhi: 0,
  msgFmt: 8,
  msgSrc: "901234",
  feeType: "01",
  feeCode: "000000",
  validTime: "",
  atTime: "",
  srcId: "106900001234",
  destTerminalIds: ["13800138000"],
  destTerminalType: 0,
  msgContent: hex("4f60597d"), // 你好 in UCS-2
  linkId: "",
};

describe("CMPP_SUBMIT", () => {
  it("3.0: 32-octet terminal ids with terminal types, LinkID 20", () => {
    roundTrip(
      submitFields,
      "3.0",
      hex(
        "000000c7", // Total_Length 199
        "00000004",
        "00000002",
        zeros(8), // Msg_Id
        "01", // Pk_total
        "01", // Pk_number
        "01", // Registered_Delivery
        "01", // Msg_level
        SERVICE_ID, // Service_Id 10
        "02", // Fee_UserType
        zeros(32), // Fee_terminal_Id 32
        "00", // Fee_terminal_type
        "00", // TP_pId
        "00", // TP_udhi
        "08", // Msg_Fmt UCS2
        SOURCE_ADDR, // Msg_src 6
        "3031", // FeeType "01"
        "303030303030", // FeeCode "000000"
        zeros(17), // ValId_Time
        zeros(17), // At_Time
        SRC_ID + zeros(9), // Src_Id 21
        "01", // DestUsr_tl
        HANDSET + zeros(21), // Dest_terminal_Id 32
        "00", // Dest_terminal_type
        "04", // Msg_Length
        "4f60597d", // Msg_Content
        zeros(20), // LinkID
      ),
    );
  });

  it("2.0: 21-octet terminal ids, no terminal types, Reserve 8", () => {
    roundTrip(
      { ...submitFields, sequenceId: 3 },
      "2.0",
      hex(
        "000000a3", // Total_Length 163
        "00000004",
        "00000003",
        zeros(8),
        "01010101",
        SERVICE_ID,
        "02",
        zeros(21), // Fee_terminal_Id 21
        "00", // TP_pId
        "00", // TP_udhi
        "08",
        SOURCE_ADDR,
        "3031",
        "303030303030",
        zeros(17),
        zeros(17),
        SRC_ID + zeros(9),
        "01",
        HANDSET + zeros(10), // Dest_terminal_Id 21
        "04",
        "4f60597d",
        zeros(8), // Reserve
      ),
    );
  });

  it("refuses a field that does not fit rather than cutting it", () => {
    expect(() => encodePdu({ ...submitFields, serviceId: "ELEVENCHARS" }, "3.0")).toThrow(/Service_Id/);
    expect(() => encodePdu({ ...submitFields, srcId: "1".repeat(22) }, "2.0")).toThrow(/Src_Id/);
  });
});

describe("SUBMIT_RESP / DELIVER_RESP", () => {
  it("3.0: Msg_Id 8 + Result 4", () => {
    roundTrip(
      { command: "submit_resp", sequenceId: 2, msgId: 0xc1c2d041e240002an, result: 0 },
      "3.0",
      hex("00000018", "80000004", "00000002", MSG_ID, "00000000"),
    );
    roundTrip(
      { command: "deliver_resp", sequenceId: 9, msgId: 7n, result: 0 },
      "3.0",
      hex("00000018", "80000005", "00000009", "0000000000000007", "00000000"),
    );
  });

  it("2.0: Msg_Id 8 + Result 1", () => {
    roundTrip(
      { command: "submit_resp", sequenceId: 2, msgId: 0xc1c2d041e240002an, result: 8 },
      "2.0",
      hex("00000015", "80000004", "00000002", MSG_ID, "08"),
    );
    roundTrip(
      { command: "deliver_resp", sequenceId: 9, msgId: 7n, result: 0 },
      "2.0",
      hex("00000015", "80000005", "00000009", "0000000000000007", "00"),
    );
  });
});

describe("CMPP_DELIVER", () => {
  const report30 = hex(
    MSG_ID, // Msg_Id 8
    "44454c49565244", // Stat "DELIVRD"
    "32363132303331363435", // Submit_time "2612031645"
    "32363132303331363436", // Done_time "2612031646"
    HANDSET + zeros(21), // Dest_terminal_Id 32
    "00000001", // SMSC_sequence
  );

  it("3.0 status report: 71-octet content", () => {
    expect(report30.length).toBe(reportLength("3.0"));
    const content = {
      msgId: 0xc1c2d041e240002an,
      stat: "DELIVRD",
      submitTime: "2612031645",
      doneTime: "2612031646",
      destTerminalId: "13800138000",
      smscSequence: 1,
    };
    expect(encodeReport(content, "3.0").toString("hex")).toBe(report30.toString("hex"));
    expect(decodeReport(report30, "3.0")).toEqual(content);
    roundTrip(
      {
        command: "deliver",
        sequenceId: 5,
        msgId: 7n,
        destId: "106900001234",
        serviceId: "MQX0019901",
        tpPid: 0,
        tpUdhi: 0,
        msgFmt: 0,
        srcTerminalId: "13800138000",
        srcTerminalType: 0,
        registeredDelivery: 1,
        msgContent: report30,
        linkId: "",
      },
      "3.0",
      hex(
        "000000b4", // Total_Length 180
        "00000005",
        "00000005",
        "0000000000000007", // Msg_Id
        SRC_ID + zeros(9), // Dest_Id 21
        SERVICE_ID, // Service_Id 10
        "00", // TP_pid
        "00", // TP_udhi
        "00", // Msg_Fmt
        HANDSET + zeros(21), // Src_terminal_Id 32
        "00", // Src_terminal_type
        "01", // Registered_Delivery
        "47", // Msg_Length 71
        report30.toString("hex"),
        zeros(20), // LinkID
      ),
    );
  });

  it("2.0 status report: 60-octet content; a reply with UDH", () => {
    const report20 = hex(
      MSG_ID,
      "554e44454c4956", // "UNDELIV"
      "32363132303331363435",
      "32363132303331363436",
      HANDSET + zeros(10), // Dest_terminal_Id 21
      "0000002a",
    );
    expect(report20.length).toBe(60);
    expect(decodeReport(report20, "2.0")).toMatchObject({
      stat: "UNDELIV",
      destTerminalId: "13800138000",
      smscSequence: 42,
    });
    roundTrip(
      {
        command: "deliver",
        sequenceId: 6,
        msgId: 8n,
        destId: "106900001234",
        serviceId: "",
        tpPid: 0,
        tpUdhi: 1,
        msgFmt: 8,
        srcTerminalId: "13800138000",
        srcTerminalType: 0,
        registeredDelivery: 0,
        msgContent: hex("050003aa0201", "0054"), // UDH ref aa part 1/2, "T"
        linkId: "",
      },
      "2.0",
      hex(
        "0000005d", // Total_Length 93
        "00000005",
        "00000006",
        "0000000000000008",
        SRC_ID + zeros(9),
        zeros(10),
        "00",
        "01", // TP_udhi
        "08",
        HANDSET + zeros(10), // Src_terminal_Id 21
        "00", // Registered_Delivery
        "08",
        "050003aa02010054",
        zeros(8),
      ),
    );
  });

  it("maps Stat words; carrier error words are final failures", () => {
    expect(reportState("DELIVRD")).toEqual({ state: "delivered", final: true, errorCode: null });
    expect(reportState("EXPIRED").state).toBe("expired");
    expect(reportState("REJECTD").state).toBe("rejected");
    expect(reportState("MK:0001")).toEqual({ state: "undeliverable", final: true, errorCode: "MK:0001" });
    expect(reportTime("2612031645")?.toISOString()).toBe("2026-12-03T08:45:00.000Z");
    expect(reportTime("2613031645")).toBeNull();
  });
});

describe("ACTIVE_TEST / TERMINATE", () => {
  for (const version of ["3.0", "2.0"] as const) {
    it(`${version}`, () => {
      roundTrip({ command: "active_test", sequenceId: 10 }, version, hex("0000000c", "00000008", "0000000a"));
      roundTrip(
        { command: "active_test_resp", sequenceId: 10, reserved: 0 },
        version,
        hex("0000000d", "80000008", "0000000a", "00"),
      );
      roundTrip({ command: "terminate", sequenceId: 11 }, version, hex("0000000c", "00000002", "0000000b"));
      roundTrip({ command: "terminate_resp", sequenceId: 11 }, version, hex("0000000c", "80000002", "0000000b"));
    });
  }
});

describe("PduFramer", () => {
  it("splits a stream at Total_Length, across reads", () => {
    const a = hex("0000000c", "00000008", "0000000a");
    const b = hex("0000000d", "80000008", "0000000a", "00");
    const stream = Buffer.concat([a, b]);
    const framer = new PduFramer();
    expect(framer.push(stream.subarray(0, 5))).toEqual([]);
    expect(framer.push(stream.subarray(5, 20)).map((f) => f.toString("hex"))).toEqual([a.toString("hex")]);
    expect(framer.push(stream.subarray(20)).map((f) => f.toString("hex"))).toEqual([b.toString("hex")]);
  });

  it("refuses a Total_Length below the header's", () => {
    expect(() => new PduFramer().push(hex("00000004", "00000008"))).toThrow(/Total_Length/);
  });
});
