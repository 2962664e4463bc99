// Prisma CLI configuration: migrations run on the JavaScript (Wasm) schema engine through the
// `pg` driver adapter, so no native engine is downloaded (see README, "Operations").
import "./server/load-env";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/qixintong";
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

// The schema engine reads catalog columns of type `name` (OID 19) and `"char"` (OID 18),
// which adapter-pg 6.19 cannot map (prisma/orm#27403): report them as text.
type FieldDescription = { dataTypeID: number };
const resultPrototype = pg.Result.prototype as unknown as { addFields(fields: FieldDescription[]): void };
const addFields = resultPrototype.addFields;
resultPrototype.addFields = function patchedAddFields(fieldDescriptions) {
  for (const field of fieldDescriptions) {
    if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
  }
  addFields.call(this, fieldDescriptions);
};

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * adapter-pg 6.19 splits migration scripts on every ";", which breaks function bodies
 * (the audit log's append-only trigger): send each script whole, as one simple query.
 */
function runScriptsWhole(adapter: Adapter): Adapter {
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}

/** Also: adapter-pg 6.19 connects its shadow database with the original URL; connect to the new one. */
class MigrationAdapter extends PrismaPg {
  constructor(private readonly url: string) {
    super({ connectionString: url });
  }

  override async connect() {
    return runScriptsWhole(await super.connect());
  }

  override async connectToShadowDb() {
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    const database = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const shadowUrl = new URL(this.url);
    shadowUrl.pathname = `/${database}`;
    const pool = new pg.Pool({ connectionString: shadowUrl.toString() });
    const factory = new PrismaPg(pool);
    const adapter = runScriptsWhole(await factory.connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await pool.end().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString: this.url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await cleanup.end();
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  engine: "js",
  adapter: async () => new MigrationAdapter(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL),
});
