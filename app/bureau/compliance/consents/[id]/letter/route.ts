// The signed consent letter, for COMPLIANCE and bureau admins (each read is audited in consentLetter).
import { consentLetter } from "@/server/compliance/consents";
import { db } from "@/server/db";
import { downloadResponse, handleRoute, routeCaller } from "@/server/http/route";

export const runtime = "nodejs";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () => {
    const { user, ip, userAgent } = await routeCaller();
    const { id } = await params;
    const letter = await consentLetter(db(), { userId: user.id, role: user.role, enterpriseId: user.enterpriseId, ip, userAgent }, id.slice(0, 64), new Date());
    return downloadResponse({ body: letter.bytes, contentType: letter.mimeType, fileName: letter.fileName, asciiName: "letter", inline: true });
  });
}
