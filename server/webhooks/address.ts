// The outbound-address guard for customer-supplied URLs (receipt webhooks). A customer admin chooses
// the URL and the platform POSTs to it, so without a guard the platform can be made to call its own
// loopback services (the SMSC simulator's control port, the database's HTTP neighbours), the cloud
// metadata address or the private network, and report what answered.
//
// The rule: https only (plain http when the operator allows it, for development), no user info, the
// host resolved and EVERY resolved address public unicast. The check runs when the URL is saved and
// again before each POST (DNS can change), and the POST then connects to the checked addresses only
// (see post.ts), so a DNS answer that changes between check and connect cannot redirect it.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { env, type Env } from "../env";
import { AppError } from "../errors";

export const MAX_WEBHOOK_URL_LENGTH = 2_000;

export interface OutboundPolicy {
  /** Plain http:// accepted (development receivers only). */
  allowHttp: boolean;
  /** Loopback, private and reserved addresses accepted (development and e2e only). */
  allowPrivate: boolean;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name stands for; rejects (or answers none) when it does not resolve. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface CheckedTarget {
  url: URL;
  /** The host to connect to, without IPv6 brackets; TLS SNI and the Host header keep this name. */
  host: string;
  /** The addresses that passed the check; the connection goes to these and nowhere else. */
  addresses: ResolvedAddress[];
}

export function outboundPolicyFromEnv(e: Env = env()): OutboundPolicy {
  return { allowHttp: e.WEBHOOK_ALLOW_HTTP === true, allowPrivate: e.WEBHOOK_ALLOW_PRIVATE === true };
}

export const systemResolver: Resolver = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Global unicast IPv6 (2000::/3); everything outside it is unassigned, local or special. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

/**
 * The ipaddr.js range of an address ("unicast" means the public internet), IPv4-mapped IPv6 unwrapped
 * to its IPv4 address first. IPv6 outside 2000::/3 (IPv4-compatible ::a.b.c.d and other unassigned
 * space, which ipaddr.js files under "unicast") counts as "reserved".
 */
export function addressRange(address: string): string {
  if (!ipaddr.isValid(address)) return "invalid";
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range === "unicast" && parsed instanceof ipaddr.IPv6 && !parsed.match(GLOBAL_UNICAST_V6)) return "reserved";
  return range;
}

export function isPublicUnicast(address: string): boolean {
  return addressRange(address) === "unicast";
}

/**
 * The URL, if its form is acceptable: https (or http when allowed), a host, no user name or password.
 * WHATWG parsing turns the short, decimal, hex and octal IPv4 forms (127.1, 2130706433, 0x7f.1,
 * 0177.0.0.1) into dotted quads, so the host is either a name or a canonical address literal.
 */
export function parseWebhookUrl(value: string, policy: OutboundPolicy): URL {
  if (value.length > MAX_WEBHOOK_URL_LENGTH) throw new AppError("WEBHOOK_URL_INVALID");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError("WEBHOOK_URL_INVALID");
  }
  const schemeOk = url.protocol === "https:" || (url.protocol === "http:" && policy.allowHttp);
  if (!schemeOk || url.username || url.password || !url.hostname) throw new AppError("WEBHOOK_URL_INVALID");
  return url;
}

/**
 * Parses the URL and resolves its host; throws WEBHOOK_URL_INVALID, WEBHOOK_HOST_UNRESOLVED, or
 * WEBHOOK_ADDRESS_FORBIDDEN when any resolved address is not public unicast (unless the policy
 * allows private addresses). Returns the addresses that were checked, to connect to.
 */
export async function checkWebhookTarget(
  value: string,
  policy: OutboundPolicy,
  resolve: Resolver = systemResolver,
): Promise<CheckedTarget> {
  const url = parseWebhookUrl(value, policy);
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new AppError("WEBHOOK_HOST_UNRESOLVED");
    }
    if (addresses.length === 0) throw new AppError("WEBHOOK_HOST_UNRESOLVED");
  }
  if (!policy.allowPrivate && !addresses.every((a) => isPublicUnicast(a.address)))
    throw new AppError("WEBHOOK_ADDRESS_FORBIDDEN");
  return { url, host, addresses };
}
