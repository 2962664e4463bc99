"use client";
// Creating, renaming and deleting groups (members stay in the book when their group goes).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Button, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { LIMITS } from "@/server/addressbook/rules";

export function CreateGroupForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.addressbook.groups.create.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    try {
      await create.mutateAsync({ name: String(new FormData(element).get("name") ?? "") });
      element.reset();
      router.refresh();
    } catch {
      // Shown below.
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-72">
          <Label htmlFor="group-name">{t("addressbook.groups.name")}</Label>
          <Input id="group-name" name="name" required maxLength={LIMITS.groupName} />
        </div>
        <Button type="submit" disabled={create.isPending}>
          {t("addressbook.groups.create")}
        </Button>
      </div>
      {create.error ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
    </form>
  );
}

export function GroupActions({ id, name, memberCount }: { id: string; name: string; memberCount: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [mode, setMode] = useState<"idle" | "rename" | "delete">("idle");
  const done = {
    onSuccess: () => {
      setMode("idle");
      router.refresh();
    },
  };
  const rename = useMutation(trpc.addressbook.groups.rename.mutationOptions(done));
  const remove = useMutation(trpc.addressbook.groups.delete.mutationOptions(done));
  const error = rename.error ?? remove.error;
  const small = "px-2 py-1 text-xs";
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid={`group-actions-${name}`}>
      {mode === "rename" ? (
        <form
          className="flex items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            rename.mutate({ id, name: String(new FormData(event.currentTarget).get("name") ?? "") });
          }}
        >
          <Input
            name="name"
            required
            maxLength={LIMITS.groupName}
            defaultValue={name}
            aria-label={t("addressbook.misc.renameTo")}
            className="w-40 py-1 text-xs"
          />
          <Button type="submit" className={small} disabled={rename.isPending}>
            {t("app.save")}
          </Button>
          <Button type="button" variant="secondary" className={small} onClick={() => setMode("idle")}>
            {t("app.cancel")}
          </Button>
        </form>
      ) : mode === "delete" ? (
        <>
          <span className="text-xs text-slate-600">
            {t("addressbook.groups.confirmDelete", { name, count: memberCount })}
          </span>
          <Button variant="danger" className={small} disabled={remove.isPending} onClick={() => remove.mutate({ id })}>
            {t("app.confirm")}
          </Button>
          <Button variant="secondary" className={small} onClick={() => setMode("idle")}>
            {t("app.cancel")}
          </Button>
        </>
      ) : (
        <>
          <Button variant="secondary" className={small} onClick={() => setMode("rename")}>
            {t("addressbook.groups.rename")}
          </Button>
          <Button variant="secondary" className={small} onClick={() => setMode("delete")}>
            {t("addressbook.groups.delete")}
          </Button>
        </>
      )}
      {error ? <span className="text-xs text-red-600">{errorMessage(error)}</span> : null}
    </div>
  );
}
