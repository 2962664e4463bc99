// The client's address: the socket's peer, and forwarding headers only as far as trusted proxies wrote them.
import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, clientIp, compileTrustedProxies, resolveClientIp } from "./client-ip";
import { withPeerAddress } from "./serve";

const none = compileTrustedProxies(undefined);

describe("resolveClientIp", () => {
  it("ignores X-Forwarded-For and X-Real-IP when no proxy is trusted", () => {
    expect(resolveClientIp("127.0.0.1", "6.6.6.6", "7.7.7.7", none)).toBe("127.0.0.1");
    expect(resolveClientIp("203.0.113.9", "6.6.6.6, 10.0.0.1", null, none)).toBe("203.0.113.9");
    expect(compileTrustedProxies("  , ")("127.0.0.1", 0)).toBe(false);
  });

  it("takes the right-most address that is not a trusted proxy", () => {
    const trust = compileTrustedProxies("loopback, 10.0.0.0/8");
    expect(resolveClientIp("127.0.0.1", "6.6.6.6", null, trust)).toBe("6.6.6.6");
    // The client forged the left part; the proxies appended the rest.
    expect(resolveClientIp("127.0.0.1", "1.2.3.4, 6.6.6.6, 10.1.2.3", null, trust)).toBe("6.6.6.6");
    // Every hop trusted: the left-most address is the client.
    expect(resolveClientIp("127.0.0.1", "10.0.0.5, 10.0.0.6", null, trust)).toBe("10.0.0.5");
    // A peer that is not a trusted proxy is the client, whatever it forwards.
    expect(resolveClientIp("198.51.100.4", "6.6.6.6", null, trust)).toBe("198.51.100.4");
    // X-Real-IP from a trusted proxy when it sends no X-Forwarded-For.
    expect(resolveClientIp("127.0.0.1", null, "6.6.6.6", trust)).toBe("6.6.6.6");
  });

  it("understands single IPs and IPv6, and normalises IPv4-mapped addresses", () => {
    expect(resolveClientIp("::ffff:127.0.0.1", "6.6.6.6", null, none)).toBe("127.0.0.1");
    expect(resolveClientIp("::1", "2001:db8::7", null, compileTrustedProxies("::1"))).toBe("2001:db8::7");
    expect(resolveClientIp("192.0.2.1", "6.6.6.6", null, compileTrustedProxies("192.0.2.1"))).toBe("6.6.6.6");
    expect(resolveClientIp("192.0.2.2", "6.6.6.6", null, compileTrustedProxies("192.0.2.1"))).toBe("192.0.2.2");
  });

  it("stops at the proxy that passed on something that is not an address", () => {
    const trust = compileTrustedProxies("loopback");
    expect(resolveClientIp("127.0.0.1", "6.6.6.6, <script>", null, trust)).toBe("127.0.0.1");
    expect(resolveClientIp(null, "6.6.6.6", null, trust)).toBeNull();
  });

  it("refuses a TRUSTED_PROXIES entry that is neither an address, a range nor a name", () => {
    expect(() => compileTrustedProxies("loopback, proxy.example.com")).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("clientIp behind the app's server", () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    delete process.env.TRUSTED_PROXIES;
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  async function ipSeenBy(headers: Record<string, string>): Promise<string | null> {
    server ??= http.createServer(
      withPeerAddress((request, response) => response.end(JSON.stringify(clientIp(request.headers)))),
    );
    if (!server.listening) await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers });
    return (await response.json()) as string | null;
  }

  it("records the socket's address, not what the client claims, unless the peer is a trusted proxy", async () => {
    expect(await ipSeenBy({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" })).toBe("127.0.0.1");
    // A forged peer header is replaced by the real peer.
    expect(await ipSeenBy({ [PEER_ADDRESS_HEADER]: "6.6.6.6" })).toBe("127.0.0.1");
    process.env.TRUSTED_PROXIES = "127.0.0.1";
    expect(await ipSeenBy({ "x-forwarded-for": "6.6.6.6" })).toBe("6.6.6.6");
    process.env.TRUSTED_PROXIES = "10.0.0.0/8";
    expect(await ipSeenBy({ "x-forwarded-for": "6.6.6.6" })).toBe("127.0.0.1");
  });
});
