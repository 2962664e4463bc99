"use client";
// Adding the contacts ticked in the list to a group, or taking them out of one. The checkboxes sit
// in the server-rendered table and belong to this form through their `form` attribute.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

export function BulkGroupBar({ formId, groups }: { formId: string; groups: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const add = useMutation(trpc.addressbook.groups.addMembers.mutationOptions());
  const remove = useMutation(trpc.addressbook.groups.removeMembers.mutationOptions());
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  if (groups.length === 0) return null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const action = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value");
    const groupId = String(form.get("groupId") ?? "");
    const contactIds = form.getAll("contactIds").map(String);
    if (!groupId) return setMessage({ tone: "error", text: t("addressbook.bulk.chooseGroup") });
    if (contactIds.length === 0) return setMessage({ tone: "error", text: t("addressbook.bulk.noneSelected") });
    try {
      if (action === "remove") {
        const { removed } = await remove.mutateAsync({ groupId, contactIds });
        setMessage({ tone: "ok", text: t("addressbook.bulk.removed", { count: removed }) });
      } else {
        const { added } = await add.mutateAsync({ groupId, contactIds });
        setMessage({ tone: "ok", text: t("addressbook.bulk.added", { count: added }) });
      }
      router.refresh();
    } catch (error) {
      setMessage({ tone: "error", text: errorMessage(error) });
    }
  }

  const pending = add.isPending || remove.isPending;
  return (
    <form
      id={formId}
      onSubmit={onSubmit}
      className="mb-3 flex flex-wrap items-center gap-2 text-sm"
      data-testid="bulk-groups"
    >
      <span className="text-slate-600">{t("addressbook.bulk.group")}</span>
      <select
        name="groupId"
        defaultValue=""
        aria-label={t("addressbook.fields.groups")}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm"
      >
        <option value="">{t("addressbook.bulk.chooseGroup")}</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
      <Button type="submit" name="action" value="add" variant="secondary" className="px-2.5 py-1.5" disabled={pending}>
        {t("addressbook.bulk.add")}
      </Button>
      <Button
        type="submit"
        name="action"
        value="remove"
        variant="secondary"
        className="px-2.5 py-1.5"
        disabled={pending}
      >
        {t("addressbook.bulk.remove")}
      </Button>
      {message ? (
        <span role="status" className={message.tone === "ok" ? "text-emerald-700" : "text-red-600"}>
          {message.text}
        </span>
      ) : null}
    </form>
  );
}
