// The outbound guard's rules: which URLs pass, how each address form is classified, and that every
// resolved address counts.
import { describe, expect, test } from "vitest";
import { AppError } from "../errors";
import {
  addressRange,
  checkWebhookTarget,
  isPublicUnicast,
  type OutboundPolicy,
  parseWebhookUrl,
  type Resolver,
  systemResolver,
} from "./address";

const STRICT: OutboundPolicy = { allowHttp: false, allowPrivate: false };
const HTTP_ONLY: OutboundPolicy = { allowHttp: true, allowPrivate: false };
const fixed =
  (answers: Record<string, string[]>): Resolver =>
  async (host) => {
    const list = answers[host];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

describe("addressRange", () => {
  test.each([
    ["127.0.0.1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["224.0.0.1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a00:1", "private"],
    ["fe80::1", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["ff02::1", "multicast"],
    ["::7f00:1", "reserved"],
    ["64:ff9b::7f00:1", "rfc6052"],
    ["2002:7f00:1::", "6to4"],
    ["2001:db8::1", "reserved"],
  ])("%s is %s, not public", (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicUnicast(address)).toBe(false);
  });

  test.each(["1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:1.1.1.1"])(
    "%s is public unicast",
    (address) => {
      expect(isPublicUnicast(address)).toBe(true);
    },
  );
});

describe("parseWebhookUrl", () => {
  test("https only; http when allowed; no user info; a host", () => {
    expect(parseWebhookUrl("https://hooks.example.com/r", STRICT).hostname).toBe("hooks.example.com");
    for (const bad of [
      "http://hooks.example.com/r",
      "http://localhost:3000/r",
      "ftp://hooks.example.com/",
      "https://user:pw@hooks.example.com/",
      "https://user@hooks.example.com/",
      "file:///etc/passwd",
      "not a url",
      `https://e.com/${"a".repeat(2_000)}`,
    ]) {
      expect(() => parseWebhookUrl(bad, STRICT), bad).toThrow(expect.objectContaining({ code: "WEBHOOK_URL_INVALID" }));
    }
    expect(parseWebhookUrl("http://hooks.example.com/r", HTTP_ONLY).protocol).toBe("http:");
    expect(() => parseWebhookUrl("http://u:p@hooks.example.com/", HTTP_ONLY)).toThrow(
      expect.objectContaining({ code: "WEBHOOK_URL_INVALID" }),
    );
  });

  test.each(["127.1", "2130706433", "0x7f.1", "0x7f000001", "0177.0.0.1"])(
    "the IPv4 form %s becomes 127.0.0.1",
    (host) => {
      expect(parseWebhookUrl(`https://${host}/`, STRICT).hostname).toBe("127.0.0.1");
    },
  );
});

describe("checkWebhookTarget", () => {
  const forbidden = [
    "https://127.0.0.1:2776/",
    "https://[::1]/",
    "https://127.1/",
    "https://2130706433/",
    "https://0x7f.1/",
    "https://0177.0.0.1/",
    "https://10.0.0.1/",
    "https://172.16.0.1/",
    "https://192.168.1.1/",
    "https://169.254.169.254/latest/meta-data/",
    "https://100.64.0.1/",
    "https://224.0.0.1/",
    "https://0.0.0.0/",
    "https://240.0.0.1/",
    "https://255.255.255.255/",
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:7f00:1]/",
    "https://[fe80::1]/",
    "https://[fc00::1]/",
    "https://[ff02::1]/",
    "https://[::127.0.0.1]/",
  ];
  test.each(forbidden)("%s is refused without asking DNS", async (url) => {
    const asked: string[] = [];
    const resolver: Resolver = async (host) => {
      asked.push(host);
      return [{ address: "1.1.1.1", family: 4 }];
    };
    expect(await codeOf(checkWebhookTarget(url, STRICT, resolver))).toBe("WEBHOOK_ADDRESS_FORBIDDEN");
    expect(asked).toEqual([]);
  });

  test("with http allowed, http://127.0.0.1:2776 and http://[::1]/ are still refused by address", async () => {
    expect(await codeOf(checkWebhookTarget("http://127.0.0.1:2776/", HTTP_ONLY))).toBe("WEBHOOK_ADDRESS_FORBIDDEN");
    expect(await codeOf(checkWebhookTarget("http://[::1]/", HTTP_ONLY))).toBe("WEBHOOK_ADDRESS_FORBIDDEN");
    expect(await codeOf(checkWebhookTarget("http://127.0.0.1:2776/", STRICT))).toBe("WEBHOOK_URL_INVALID");
  });

  test("a name is refused when any of its addresses is not public; unresolved names are told apart", async () => {
    const dns = fixed({
      "ok.example": ["93.184.216.34", "2606:2800:220:1::1"],
      "mixed.example": ["93.184.216.34", "10.0.0.7"],
      "mapped.example": ["::ffff:169.254.169.254"],
      "empty.example": [],
    });
    expect((await checkWebhookTarget("https://ok.example/r", STRICT, dns)).addresses.map((a) => a.address)).toEqual([
      "93.184.216.34",
      "2606:2800:220:1::1",
    ]);
    expect(await codeOf(checkWebhookTarget("https://mixed.example/r", STRICT, dns))).toBe("WEBHOOK_ADDRESS_FORBIDDEN");
    expect(await codeOf(checkWebhookTarget("https://mapped.example/r", STRICT, dns))).toBe("WEBHOOK_ADDRESS_FORBIDDEN");
    expect(await codeOf(checkWebhookTarget("https://empty.example/r", STRICT, dns))).toBe("WEBHOOK_HOST_UNRESOLVED");
    expect(await codeOf(checkWebhookTarget("https://nowhere.example/r", STRICT, dns))).toBe("WEBHOOK_HOST_UNRESOLVED");
  });

  test("localhost, resolved by the system, is loopback and refused", async () => {
    expect(await codeOf(checkWebhookTarget("https://localhost:2776/", STRICT, systemResolver))).toBe(
      "WEBHOOK_ADDRESS_FORBIDDEN",
    );
  });

  test("WEBHOOK_ALLOW_PRIVATE lets local addresses through (development), still https unless http is allowed too", async () => {
    const target = await checkWebhookTarget("https://127.1:8443/r", { allowHttp: false, allowPrivate: true });
    expect(target).toMatchObject({ host: "127.0.0.1", addresses: [{ address: "127.0.0.1", family: 4 }] });
    expect((await checkWebhookTarget("http://[::1]:9000/", { allowHttp: true, allowPrivate: true })).host).toBe("::1");
    expect(await codeOf(checkWebhookTarget("http://127.0.0.1/", { allowHttp: false, allowPrivate: true }))).toBe(
      "WEBHOOK_URL_INVALID",
    );
  });
});
