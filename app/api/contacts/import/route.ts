// Upload of an address-book file (multipart: file, defaultKind, groupName): reads and checks it and
// answers the preview's id; the page then shows the preview and runs the import over tRPC.
import { previewImport } from "@/server/addressbook/import";
import { MAX_IMPORT_BYTES } from "@/server/addressbook/import-file";
import { CONTACT_KINDS, type ContactKindCode, LIMITS } from "@/server/addressbook/rules";
import { AppError } from "@/server/errors";
import { type BodyLimit, customerCaller, handleRoute, methodNotAllowed, readForm } from "@/server/http/route";

export const runtime = "nodejs";

/** The file's limit plus a little for the multipart envelope and the two text fields. */
const BODY_LIMIT: BodyLimit = {
  maxBytes: MAX_IMPORT_BYTES + 64 * 1024,
  code: "IMPORT_FILE_TOO_LARGE",
  params: { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 },
};

export async function POST(request: Request) {
  return handleRoute(
    request,
    async () => {
      const { user, ip, userAgent, enterpriseId, db } = await customerCaller();
      const actor = { userId: user.id, role: user.role, enterpriseId, ip, userAgent };
      const form = await readForm(request, BODY_LIMIT);
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0) throw new AppError("IMPORT_FILE_INVALID", { detail: "file" });
      const kindField = String(form.get("defaultKind") ?? "CLIENT");
      const defaultKind: ContactKindCode = (CONTACT_KINDS as readonly string[]).includes(kindField)
        ? (kindField as ContactKindCode)
        : "CLIENT";
      const groupName = String(form.get("groupName") ?? "").trim();
      if (groupName.length > LIMITS.groupName) throw new AppError("INVALID_REQUEST", { detail: "groupName" });
      const data = new Uint8Array(await file.arrayBuffer());
      const { id } = await previewImport(
        db,
        actor,
        { fileName: file.name || "contacts", data, defaultKind, groupName },
        new Date(),
      );
      return Response.json({ id }, { headers: { "Cache-Control": "no-store" } });
    },
    { body: BODY_LIMIT },
  );
}

const refused = methodNotAllowed("POST");
export { refused as DELETE, refused as GET, refused as PATCH, refused as PUT };
