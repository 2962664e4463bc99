// The signed consent letter, for the enterprise that applied (any of its users).
import { consentLetter } from "@/server/compliance/consents";
import { downloadResponse, handleRoute, methodNotAllowed, routeCaller, routeParams } from "@/server/http/route";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(request, async () => {
    const { id } = await routeParams(params, { id: "id" });
    const { user, ip, userAgent, db } = await routeCaller();
    const letter = await consentLetter(
      db,
      { userId: user.id, role: user.role, enterpriseId: user.enterpriseId, ip, userAgent },
      id,
      new Date(),
    );
    return downloadResponse({
      body: letter.bytes,
      contentType: letter.mimeType,
      fileName: letter.fileName,
      asciiName: "letter",
      inline: true,
    });
  });
}

const refused = methodNotAllowed("GET");
export { refused as DELETE, refused as PATCH, refused as POST, refused as PUT };
