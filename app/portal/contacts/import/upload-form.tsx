"use client";
// Step one of an import: the file goes to POST /api/contacts/import (multipart), which checks every
// row and answers the preview's id.
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { Alert, Button, Input, Label } from "@/app/_components/ui";
import { CONTACT_KINDS, LIMITS } from "@/server/addressbook/rules";

export function UploadForm() {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError(t("addressbook.misc.chooseFile"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/contacts/import", { method: "POST", body: form });
      const body = (await response.json().catch(() => null)) as { id?: string; error?: { message?: string } } | null;
      if (!response.ok || !body?.id) {
        setError(body?.error?.message ?? response.statusText);
        return;
      }
      router.push(`/portal/contacts/import/${body.id}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="import-upload">
      <div>
        <Label htmlFor="import-file">{t("addressbook.import.file")}</Label>
        <input
          id="import-file"
          name="file"
          type="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-slate-200"
        />
        <p className="mt-1 text-xs text-slate-500">{t("addressbook.import.fileHint")}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <Label htmlFor="import-kind">{t("addressbook.import.defaultKind")}</Label>
          <select
            id="import-kind"
            name="defaultKind"
            defaultValue="CLIENT"
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          >
            {CONTACT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`addressbook.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="import-group">{t("addressbook.import.groupName")}</Label>
          <Input id="import-group" name="groupName" maxLength={LIMITS.groupName} />
        </div>
      </div>
      <p className="text-xs text-slate-500">{t("addressbook.import.updateRule")}</p>
      {error ? (
        <Alert tone="error" testId="import-error">
          {error}
        </Alert>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? t("addressbook.import.uploading") : t("addressbook.import.upload")}
      </Button>
    </form>
  );
}
