// The Inngest client. The same client and functions serve a real Inngest server (INNGEST_DEV or
// INNGEST_BASE_URL / a signing key) and the built-in single-machine runner (server/inngest/runner).
import { Inngest, Middleware } from "inngest";
import { db, type Db } from "../db";
import { inngestServerConfigured } from "../env";

/**
 * Gives every function `db` in its handler context. The built-in runner passes its own handle and
 * tests pass a test database (through @inngest/test's transformCtx); a handle already present is
 * kept, so only a real Inngest server's calls fall back to the process-wide client.
 */
class JobContextMiddleware extends Middleware.BaseMiddleware {
  readonly id = "qixintong:job-context";

  transformFunctionInput(arg: Middleware.TransformFunctionInputArgs) {
    const given = (arg.ctx as { db?: Db }).db;
    return { ...arg, ctx: { ...arg.ctx, db: given ?? db() } };
  }
}

export const inngest = new Inngest({
  id: "qixintong",
  // Without a server the SDK would default to cloud mode, where the serve route answers 500
  // ("In cloud mode but no signing key found"). Dev mode keeps /api/inngest answering; the route
  // refuses execution requests itself in that mode. With a server configured, the SDK reads
  // INNGEST_DEV / INNGEST_SIGNING_KEY as usual.
  isDev: inngestServerConfigured() ? undefined : true,
  middleware: [JobContextMiddleware],
});
