// A consent application (乙方 6) as multipart: reason, numbers (pasted), listFile (optional
// .txt/.csv), letter (PDF/PNG/JPEG). The customer admin applies for their own enterprise; every
// part is checked in server/compliance/consents.ts before anything is stored.
import { applyForConsent } from "@/server/compliance/consents";
import { LETTER_MAX_BYTES, NUMBER_LIST_MAX_BYTES } from "@/server/compliance/uploads";
import { AppError } from "@/server/errors";
import { type BodyLimit, handleRoute, methodNotAllowed, readForm, routeCaller } from "@/server/http/route";

export const runtime = "nodejs";

/** Both files' limits plus a little for the multipart envelope, the reason and the pasted numbers. */
const BODY_LIMIT: BodyLimit = {
  maxBytes: LETTER_MAX_BYTES + NUMBER_LIST_MAX_BYTES + 256 * 1024,
  code: "CONSENT_LETTER_TOO_LARGE",
  params: { maxMb: LETTER_MAX_BYTES / 1024 / 1024 },
};

const fileOf = async (value: FormDataEntryValue | null) =>
  value instanceof File && (value.size > 0 || value.name)
    ? { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) }
    : null;

export async function POST(request: Request) {
  return handleRoute(
    request,
    async () => {
      const { user, ip, userAgent, db } = await routeCaller();
      if (user.role !== "CUSTOMER_ADMIN" || !user.enterpriseId) throw new AppError("FORBIDDEN");
      const form = await readForm(request, BODY_LIMIT);
      const letter = await fileOf(form.get("letter"));
      if (!letter || letter.bytes.length === 0) throw new AppError("CONSENT_LETTER_INVALID");
      const reason = form.get("reason");
      const numbers = form.get("numbers");
      const result = await applyForConsent(
        db,
        { userId: user.id, role: user.role, enterpriseId: user.enterpriseId, ip, userAgent },
        {
          reason: typeof reason === "string" ? reason : "",
          numbersText: typeof numbers === "string" ? numbers : "",
          listFile: await fileOf(form.get("listFile")),
          letter,
        },
        new Date(),
      );
      return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
    },
    { body: BODY_LIMIT },
  );
}

const refused = methodNotAllowed("POST");
export { refused as DELETE, refused as GET, refused as PATCH, refused as PUT };
