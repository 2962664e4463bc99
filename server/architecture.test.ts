// The layer rules of eslint.config.mjs (import/no-restricted-paths) fail on an import that runs back
// up, and pass the same file with an import that runs down: linted through ESLint's own API.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
}, 60_000);

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "import/no-restricted-paths").map((m) => m.message);
}

describe("arrows only downward", () => {
  test.each([
    [
      "a page importing the database",
      "app/portal/x/page.tsx",
      'import { db } from "@/server/db";\nexport const x = db;\n',
    ],
    [
      "a page importing the Prisma client",
      "app/portal/x/page.tsx",
      'import { PrismaClient } from "@/server/generated/prisma/client";\nexport const x = PrismaClient;\n',
    ],
    [
      "a domain importing the tRPC layer",
      "server/billing/x.ts",
      'import { router } from "../api/trpc";\nexport const x = router;\n',
    ],
    [
      "a domain importing an Inngest function",
      "server/sending/x.ts",
      'import { sendingBatch } from "../inngest/functions/sending-batch";\nexport const x = sendingBatch;\n',
    ],
    [
      "a lower layer importing a domain",
      "server/clock.ts",
      'import { closePeriod } from "./billing/close";\nexport const x = closePeriod;\n',
    ],
  ])(
    "%s is refused",
    async (_name, file, code) => {
      expect(await layerErrors(file, code)).toHaveLength(1);
    },
    60_000,
  );

  test.each([
    [
      "a page importing a schema enum",
      "app/portal/x/page.tsx",
      'import { Role } from "@/server/generated/prisma/enums";\nexport const x = Role;\n',
    ],
    [
      "a domain sending events",
      "server/billing/x.ts",
      'import { sendEvent } from "../inngest/send";\nexport const x = sendEvent;\n',
    ],
    [
      "a domain importing a lower layer",
      "server/billing/x.ts",
      'import { toChinaDate } from "../clock";\nexport const x = toChinaDate;\n',
    ],
  ])(
    "%s passes",
    async (_name, file, code) => {
      expect(await layerErrors(file, code)).toEqual([]);
    },
    60_000,
  );
});
