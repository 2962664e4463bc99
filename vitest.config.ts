import path from "node:path";
import { defineConfig } from "vitest/config";

// Tests run server code as the server does: "server-only" resolves to its empty module there too.
const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["server/**/*.test.ts", "app/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "**/*.smpp.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["server/**/*.integration.test.ts", "app/**/*.integration.test.ts"],
          environment: "node",
          // One template database is migrated once; every test file gets its own copy.
          globalSetup: ["server/testing/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          // SMPP against a real SMPP server (the simulator) in-process, over loopback.
          name: "smpp",
          include: ["server/smpp/**/*.smpp.test.ts", "server/carrier/**/*.smpp.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
