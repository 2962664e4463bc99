"use client";
// Create or edit one contact: name, mobile, kind, groups, tags, note; delete asks once more.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Button, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { CONTACT_KINDS, type ContactKindCode, LIMITS, splitList } from "@/server/addressbook/rules";

export interface ContactFormValues {
  id: string;
  name: string;
  mobile: string;
  kind: ContactKindCode;
  tags: string[];
  note: string | null;
  groupIds: string[];
}

export function ContactForm({
  contact,
  groups,
}: {
  contact?: ContactFormValues;
  groups: { id: string; name: string }[];
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.addressbook.contacts.create.mutationOptions());
  const update = useMutation(trpc.addressbook.contacts.update.mutationOptions());
  const [saved, setSaved] = useState(false);
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSaved(false);
    const input = {
      name: String(form.get("name") ?? ""),
      mobile: String(form.get("mobile") ?? ""),
      kind: (String(form.get("kind")) === "CLIENT" ? "CLIENT" : "STAFF") as ContactKindCode,
      tags: splitList(String(form.get("tags") ?? "")),
      note: String(form.get("note") ?? "").trim() || null,
      groupIds: form.getAll("groupIds").map(String),
    };
    try {
      if (contact) {
        await update.mutateAsync({ id: contact.id, ...input });
        setSaved(true);
        router.refresh();
      } else {
        await create.mutateAsync(input);
        router.push("/portal/contacts");
        router.refresh();
      }
    } catch {
      // Shown from the mutation's error below.
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="contact-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <Label htmlFor="contact-name">{t("addressbook.fields.name")}</Label>
          <Input id="contact-name" name="name" required maxLength={LIMITS.name} defaultValue={contact?.name} />
        </div>
        <div>
          <Label htmlFor="contact-mobile">{t("addressbook.fields.mobile")}</Label>
          <Input
            id="contact-mobile"
            name="mobile"
            required
            maxLength={40}
            inputMode="tel"
            defaultValue={contact?.mobile}
          />
          <p className="mt-1 text-xs text-slate-500">{t("addressbook.form.mobileHint")}</p>
        </div>
      </div>
      <fieldset>
        <legend className="mb-1 block text-sm font-medium text-slate-700">{t("addressbook.fields.kind")}</legend>
        <div className="flex gap-4 text-sm">
          {CONTACT_KINDS.map((kind) => (
            <label key={kind} className="flex items-center gap-1.5">
              <input type="radio" name="kind" value={kind} defaultChecked={(contact?.kind ?? "STAFF") === kind} />
              {t(`addressbook.kinds.${kind}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="mb-1 block text-sm font-medium text-slate-700">{t("addressbook.fields.groups")}</legend>
        {groups.length === 0 ? (
          <p className="text-sm text-slate-500">{t("addressbook.form.noGroups")}</p>
        ) : (
          <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {groups.map((g) => (
              <label key={g.id} className="flex items-center gap-1.5">
                <input type="checkbox" name="groupIds" value={g.id} defaultChecked={contact?.groupIds.includes(g.id)} />
                {g.name}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <div>
        <Label htmlFor="contact-tags">{t("addressbook.fields.tags")}</Label>
        <Input
          id="contact-tags"
          name="tags"
          maxLength={LIMITS.tagsPerContact * (LIMITS.tag + 1)}
          defaultValue={contact?.tags.join("、")}
        />
        <p className="mt-1 text-xs text-slate-500">{t("addressbook.form.tagsHint")}</p>
      </div>
      <div>
        <Label htmlFor="contact-note">{t("addressbook.fields.note")}</Label>
        <textarea
          id="contact-note"
          name="note"
          rows={2}
          maxLength={LIMITS.note}
          defaultValue={contact?.note ?? ""}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none"
        />
      </div>
      {error ? (
        <Alert tone="error" testId="contact-error">
          {errorMessage(error)}
        </Alert>
      ) : null}
      {saved ? <Alert tone="success">{t("addressbook.form.saved")}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? t("app.saving") : contact ? t("app.save") : t("addressbook.form.create")}
      </Button>
    </form>
  );
}

export function DeleteContactButton({ id, name, mobile }: { id: string; name: string; mobile: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.addressbook.contacts.delete.mutationOptions({
      onSuccess: () => {
        router.push("/portal/contacts");
        router.refresh();
      },
    }),
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      {confirming ? (
        <>
          <span className="text-sm text-slate-600">{t("addressbook.form.confirmDelete", { name, mobile })}</span>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ id })}>
            {t("app.confirm")}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            {t("app.cancel")}
          </Button>
        </>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          {t("addressbook.form.delete")}
        </Button>
      )}
      {remove.error ? <span className="text-sm text-red-600">{errorMessage(remove.error)}</span> : null}
    </div>
  );
}
