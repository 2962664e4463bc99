// The signed consent letter, for COMPLIANCE and bureau admins (each read is audited in consentLetter).
import { consentLetter } from "@/server/compliance/consents";
import { db } from "@/server/db";
import { appErrorResponse, letterResponse, signedInCaller } from "@/app/portal/compliance/_lib/http";

export const runtime = "nodejs";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { user, ip, userAgent } = await signedInCaller();
    const { id } = await params;
    const letter = await consentLetter(db(), { userId: user.id, role: user.role, enterpriseId: user.enterpriseId, ip, userAgent }, id.slice(0, 64), new Date());
    return letterResponse(letter);
  } catch (error) {
    return appErrorResponse(error);
  }
}
