// Upload of an address-book file (multipart: file, defaultKind, groupName): reads and checks it and
// answers the preview's id; the page then shows the preview and runs the import over tRPC.
import { previewImport } from "@/server/addressbook/import";
import { MAX_IMPORT_BYTES } from "@/server/addressbook/import-file";
import { CONTACT_KINDS, type ContactKindCode, LIMITS } from "@/server/addressbook/rules";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { customerCaller, handleRoute } from "@/server/http/route";

export const runtime = "nodejs";

export async function POST(request: Request) {
  return handleRoute(async () => {
    const { user, ip, userAgent, enterpriseId } = await customerCaller();
    const actor = { userId: user.id, role: user.role, enterpriseId, ip, userAgent };
    // Refused before reading a body far beyond the limit (the multipart envelope adds a little).
    if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES + 64 * 1024) {
      throw new AppError("IMPORT_FILE_TOO_LARGE", { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
    }
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    if (!form || !(file instanceof File) || file.size === 0) throw new AppError("IMPORT_FILE_INVALID", { detail: "file" });
    const kindField = String(form.get("defaultKind") ?? "CLIENT");
    const defaultKind: ContactKindCode = (CONTACT_KINDS as readonly string[]).includes(kindField) ? (kindField as ContactKindCode) : "CLIENT";
    const groupName = String(form.get("groupName") ?? "").trim();
    if (groupName.length > LIMITS.groupName) throw new AppError("INVALID_REQUEST", { detail: "groupName" });
    const data = new Uint8Array(await file.arrayBuffer());
    const { id } = await previewImport(db(), actor, { fileName: file.name || "contacts", data, defaultKind, groupName }, new Date());
    return Response.json({ id }, { headers: { "Cache-Control": "no-store" } });
  });
}
