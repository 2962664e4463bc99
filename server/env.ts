// The environment, validated once. Next loads `.env` itself; CLI entry points call loadEnv() first.
import { z } from "zod";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/qixintong";

const boolish = z
  .enum(["1", "0", "true", "false", "on", "off", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "on" || v === "yes");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: z.string().url().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY_FALLBACK: z.string().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  /** The built-in runner: on by default when no Inngest server is configured. */
  JOB_RUNNER: boolish.optional(),
  /** The demo data is seeded: the login page points to the demo accounts (README). */
  DEMO_MODE: boolish.optional(),
  /** Development only: accept plain http:// webhook URLs. */
  WEBHOOK_ALLOW_HTTP: boolish.optional(),
  /** Development and e2e only: accept webhook URLs on loopback, private and reserved addresses. */
  WEBHOOK_ALLOW_PRIVATE: boolish.optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** True when an Inngest server (dev server, self-hosted or cloud) runs the functions. */
export function inngestServerConfigured(e: Env = env()): boolean {
  return Boolean(e.INNGEST_DEV || e.INNGEST_BASE_URL || e.INNGEST_SIGNING_KEY);
}

/** The keys Inngest signs its calls to /api/inngest with (the key, then its fallback during a rotation); none: unsigned. */
export function inngestSigningKeys(e: Env = env()): string[] {
  return [e.INNGEST_SIGNING_KEY, e.INNGEST_SIGNING_KEY_FALLBACK].filter((key): key is string => Boolean(key));
}

export function builtInRunnerEnabled(e: Env = env()): boolean {
  return !inngestServerConfigured(e) && e.JOB_RUNNER !== false;
}

/** The auth secret; development falls back to a fixed value so `next dev` works before set-up. */
export function authSecret(e: Env = env()): string {
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  if (e.NODE_ENV === "production") {
    throw new Error("NEXTAUTH_SECRET is not set: run `npm run setup` or set it in the environment");
  }
  return "development-only-secret-not-for-production";
}

/** The app's public address for links in e-mails: NEXTAUTH_URL, else http://localhost:PORT (never a request's Host). */
export function appBaseUrl(e: Env = env()): string {
  return e.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

/** True when DEMO_MODE is on (npm run setup turns it on with the demo data). */
export function demoMode(e: Env = env()): boolean {
  return e.DEMO_MODE === true;
}
