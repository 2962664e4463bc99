import coreWebVitals from "eslint-config-next/core-web-vitals";
import typescript from "eslint-config-next/typescript";

// The layers, as drawn in the README: app/ (pages, route handlers) → server/api, server/api-v1,
// server/http (adapters) → server/<domain> (services) → lower layers (money, clock, errors, db, env,
// phone, i18n, validation). Arrows only downward: the rules below fail the lint on an import that runs
// back up. `server/inngest/functions` are adapters too (domains send events through server/inngest/send).
const DOMAINS = [
  "addressbook",
  "api-keys",
  "audit",
  "auth",
  "billing",
  "bureau",
  "compliance",
  "contracts",
  "documents",
  "enterprises",
  "housekeeping",
  "mail",
  "packages",
  "reports",
  "sending",
  "sequences",
  "smpp",
  "carrier",
  "team",
  "webhooks",
];
const LOWER = ["money.ts", "clock.ts", "errors.ts", "db.ts", "env.ts", "phone.ts", "search.ts"];

/** Zones for import/no-restricted-paths (paths from the repository root). */
const zones = [
  // Pages and route handlers reach data through services (and tRPC), never Prisma: route handlers get
  // the database handle from their caller (server/http/route.ts).
  {
    target: "./app",
    from: ["./server/db.ts", "./server/generated/prisma/client.ts", "./server/generated/prisma/internal"],
    message: "app/ never touches Prisma: call a service in server/<domain> (route handlers: caller.db).",
  },
  // Domains never reach up into the adapters.
  ...DOMAINS.map((domain) => ({
    target: `./server/${domain}`,
    from: ["./server/api", "./server/inngest/functions", "./app"],
    except: [],
    message:
      "A domain never imports the tRPC layer, Inngest functions or pages: send events through server/inngest/send.",
  })),
  // Lower layers know no domain.
  ...LOWER.map((file) => ({
    target: `./server/${file}`,
    from: [...DOMAINS.map((d) => `./server/${d}`), "./server/api", "./server/api-v1", "./server/inngest"],
    message: "Lower layers (money, clock, errors, db, env, phone, search) import no domain.",
  })),
];

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "server/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "*.tmp.mjs",
    ],
  },
  ...coreWebVitals,
  ...typescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Tests wire whole processes together (a function under test, a fixture pipeline): the layer rules are for the product's code.
    files: ["app/**/*.{ts,tsx}", "server/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "server/testing/**"],
    rules: {
      "import/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones }],
    },
  },
];

export default config;
