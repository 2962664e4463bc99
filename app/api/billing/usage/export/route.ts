// GET /api/billing/usage/export?format=csv|xlsx&from=YYYY-MM-DD&to=YYYY-MM-DD&by=day|month: the usage
// report as a download. Customers get their own enterprise; FINANCE and bureau admins add enterpriseId=.
import { usageExportFor } from "@/server/billing/usage";
import { downloadResponse, handleRoute, methodNotAllowed, routeCaller } from "@/server/http/route";
import { translator } from "@/server/i18n";
import { currentLocale } from "@/server/i18n/current";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleRoute(request, async () => {
    const { user, db } = await routeCaller();
    const t = translator(await currentLocale());
    return downloadResponse(await usageExportFor(db, user, new URL(request.url).searchParams, t, new Date()));
  });
}

const refused = methodNotAllowed("GET");
export { refused as DELETE, refused as PATCH, refused as POST, refused as PUT };
