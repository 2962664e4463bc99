// The server-side caller for server components: same procedures, same checks, no HTTP.
import "server-only";
import { cache } from "react";
import { createTrpcContext } from "./context";
import { createCaller } from "./root";

export const api = cache(async () => createCaller(await createTrpcContext()));
