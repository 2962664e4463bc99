import { TRPCClientError } from "@trpc/client";

/** The translated message the server attached to a failed call. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
