// /api/inngest with a signing key (production): only requests signed with it get an answer with
// content; unsigned or wrongly signed GET, PUT and POST are refused before the SDK sees them.
import { afterEach, describe, expect, it, vi } from "vitest";
import { SIGNATURE_HEADER, signInngestRequest } from "@/server/inngest/signature";

const KEY = `signkey-prod-${"ab12".repeat(16)}`;
const URL_ = "http://localhost:3000/api/inngest";
const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  vi.unstubAllGlobals();
});

type Route = Record<"GET" | "PUT" | "POST", (request: Request, context: unknown) => Promise<Response>>;

async function routeWith(env: Record<string, string | undefined>): Promise<Route> {
  for (const name of [
    "INNGEST_DEV",
    "INNGEST_BASE_URL",
    "INNGEST_SIGNING_KEY",
    "INNGEST_SIGNING_KEY_FALLBACK",
    "INNGEST_EVENT_KEY",
  ])
    delete process.env[name];
  Object.assign(process.env, env);
  vi.resetModules();
  return (await import("./route")) as unknown as Route;
}

function call(
  route: Route,
  method: "GET" | "PUT" | "POST",
  options: { body?: string; signature?: string; query?: string } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.signature) headers[SIGNATURE_HEADER] = options.signature;
  return route[method](new Request(`${URL_}${options.query ?? ""}`, { method, headers, body: options.body }), {});
}

describe("/api/inngest with INNGEST_SIGNING_KEY set", { timeout: 30_000 }, () => {
  it("refuses unsigned, wrongly signed and stale requests with 401 and no description of the functions", async () => {
    // An unsigned sync would make the SDK call Inngest's API: nothing may leave the process.
    const outbound = vi.fn(() => Promise.reject(new Error("no network in this test")));
    vi.stubGlobal("fetch", outbound);
    const route = await routeWith({ INNGEST_SIGNING_KEY: KEY });
    const body = JSON.stringify({ event: { name: "x" }, ctx: { run_id: "r" } });
    const cases = [
      call(route, "GET"),
      call(route, "GET", { signature: signInngestRequest("", `signkey-prod-${"cd34".repeat(16)}`, new Date()) }),
      call(route, "GET", { signature: signInngestRequest("", KEY, new Date(Date.now() - 6 * 60_000)) }),
      call(route, "GET", { signature: "t=1&s=zz" }),
      call(route, "PUT", { body: "{}" }),
      call(route, "PUT", { body: "{}", signature: signInngestRequest('{"other":1}', KEY, new Date()) }),
      call(route, "POST", { body, query: "?fnId=qixintong-anything&stepId=step" }),
    ];
    for (const response of await Promise.all(cases)) {
      expect(response.status).toBe(401);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: "UNAUTHORIZED" } });
      expect(text).not.toMatch(/function|billing|sending/i);
    }
    expect(outbound).not.toHaveBeenCalled();
  });

  it("answers a correctly signed request, and the SDK agrees with the signature", async () => {
    const route = await routeWith({ INNGEST_SIGNING_KEY: KEY });
    const response = await call(route, "GET", { signature: signInngestRequest("", KEY, new Date()) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ authentication_succeeded: true, mode: "cloud", app_id: "qixintong" });

    // A JSON body signed as the Inngest server signs it (canonical form), sent with other spacing and key order.
    const sent = '{ "ctx": { "run_id": "r", "attempt": 0 },  "event": { "name": "x", "data": {} } }';
    const post = await call(route, "POST", {
      body: sent,
      signature: signInngestRequest(sent, KEY, new Date()),
      query: "?fnId=qixintong-no-such-function&stepId=step",
    });
    expect(post.status).not.toBe(401);
  });

  it("accepts the fallback key during a rotation", async () => {
    const fallback = `signkey-prod-${"ef56".repeat(16)}`;
    const route = await routeWith({ INNGEST_SIGNING_KEY: KEY, INNGEST_SIGNING_KEY_FALLBACK: fallback });
    expect((await call(route, "GET", { signature: signInngestRequest("", fallback, new Date()) })).status).toBe(200);
  });

  it("requires the signature even when INNGEST_DEV puts the SDK in development mode", async () => {
    const route = await routeWith({ INNGEST_SIGNING_KEY: KEY, INNGEST_DEV: "1" });
    expect((await call(route, "GET")).status).toBe(401);
    expect((await call(route, "GET", { signature: signInngestRequest("", KEY, new Date()) })).status).toBe(200);
  });
});
