// One POST to a checked target (address.ts): the connection goes to the addresses that passed the
// check (a pinned `lookup`, so no second DNS answer is used), TLS SNI and Host stay the URL's host
// name, redirects are not followed (the 3xx is the answer), the wait is bounded, and the response
// body is never read: only the status line counts.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import type { CheckedTarget } from "./address";

export class PostTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timeout after ${timeoutMs} ms`);
    this.name = "PostTimeoutError";
  }
}

export interface PinnedPost {
  headers: Record<string, string>;
  body: string;
  /** From the start of the connection to the response's status line. */
  timeoutMs: number;
}

/** Answers the checked addresses, whatever the name: the connection cannot go anywhere else. */
function pinnedLookup(target: CheckedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    const candidates =
      options.family === 4 || options.family === 6
        ? target.addresses.filter((a) => a.family === options.family)
        : target.addresses;
    if (candidates.length === 0) {
      callback(
        Object.assign(new Error(`no checked IPv${String(options.family)} address`), { code: "ENOTFOUND" }),
        "",
        0,
      );
      return;
    }
    if (options.all) callback(null, candidates);
    else callback(null, candidates[0]?.address ?? "", candidates[0]?.family ?? 4);
  };
}

/** Resolves with the response's status code once its head arrives; rejects on connection errors and timeout. */
export function postToCheckedTarget(target: CheckedTarget, post: PinnedPost): Promise<{ status: number }> {
  const { url, host } = target;
  const secure = url.protocol === "https:";
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request({
      method: "POST",
      hostname: host,
      port: url.port ? Number(url.port) : secure ? 443 : 80,
      path: `${url.pathname}${url.search}`,
      headers: { ...post.headers, Host: url.host, "Content-Length": String(Buffer.byteLength(post.body)) },
      lookup: pinnedLookup(target),
      // SNI is the host name; none for an address literal (RFC 6066).
      ...(secure ? { servername: isIP(host) ? "" : host } : {}),
      agent: false,
    });
    const timer = setTimeout(() => req.destroy(new PostTimeoutError(post.timeoutMs)), post.timeoutMs);
    req.on("response", (res) => {
      clearTimeout(timer);
      resolve({ status: res.statusCode ?? 0 });
      // The body is not ours to read: drop the connection instead of draining whatever comes.
      res.destroy();
    });
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(post.body);
  });
}
