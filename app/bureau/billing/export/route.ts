// GET /bureau/billing/export: FINANCE's receivables (aging by contract, today) as XLSX.
import { receivablesSpreadsheet } from "@/server/billing/queries";
import { downloadResponse, handleRoute, methodNotAllowed, staffCaller } from "@/server/http/route";
import { translator } from "@/server/i18n";
import { currentLocale } from "@/server/i18n/current";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleRoute(request, async () => {
    const { db } = await staffCaller("FINANCE");
    return downloadResponse(await receivablesSpreadsheet(db, translator(await currentLocale()), new Date()));
  });
}

const refused = methodNotAllowed("GET");
export { refused as DELETE, refused as PATCH, refused as POST, refused as PUT };
