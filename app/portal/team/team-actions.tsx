"use client";
// The customer admin's actions on the team page: invite (the link is shown once), revoke, disable / re-enable.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Button, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { formatChinaDateTime } from "@/server/clock";

export function InviteForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const invite = useMutation(trpc.team.invite.mutationOptions({ onSuccess: () => router.refresh() }));
  const [link, setLink] = useState<{ url: string; email: string; expiresAt: Date } | null>(null);
  const [copied, setCopied] = useState(false);

  // onSubmit rather than a form action: a refused address stays in the field; a created one is cleared.
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    setLink(null);
    setCopied(false);
    try {
      const created = await invite.mutateAsync({
        name: String(form.get("name") ?? ""),
        email: String(form.get("email") ?? ""),
      });
      setLink({ url: `${window.location.origin}${created.path}`, email: created.email, expiresAt: created.expiresAt });
      element.reset();
    } catch {
      // Shown from invite.error below.
    }
  }

  async function copy(url: string) {
    await navigator.clipboard.writeText(url);
    setCopied(true);
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-500">{t("team.invite.intro")}</p>
      <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <div>
          <Label htmlFor="invite-name">{t("team.invite.name")}</Label>
          <Input id="invite-name" name="name" required maxLength={50} />
        </div>
        <div>
          <Label htmlFor="invite-email">{t("team.invite.email")}</Label>
          <Input id="invite-email" name="email" type="email" required maxLength={320} />
        </div>
        <Button type="submit" disabled={invite.isPending}>
          {invite.isPending ? t("team.invite.submitting") : t("team.invite.submit")}
        </Button>
      </form>
      {invite.error && !link ? (
        <Alert tone="error" testId="invite-error">
          {errorMessage(invite.error)}
        </Alert>
      ) : null}
      {link ? (
        <div
          className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-800"
          role="status"
        >
          <p>{t("team.invite.created", { email: link.email })}</p>
          <div className="flex gap-2">
            <Input
              readOnly
              value={link.url}
              data-testid="invite-link"
              aria-label={t("team.invite.copy")}
              onFocus={(e) => e.currentTarget.select()}
              className="font-mono text-xs"
            />
            <Button
              type="button"
              variant="secondary"
              className="shrink-0 whitespace-nowrap"
              onClick={() => copy(link.url)}
            >
              {copied ? t("team.invite.copied") : t("team.invite.copy")}
            </Button>
          </div>
          <p className="text-xs">{t("team.invite.expiresAt", { at: formatChinaDateTime(link.expiresAt) })}</p>
        </div>
      ) : null}
    </div>
  );
}

export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const revoke = useMutation(trpc.team.revokeInvitation.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="flex items-center gap-2">
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs"
        disabled={revoke.isPending}
        onClick={() => revoke.mutate({ invitationId })}
        aria-label={`${t("team.invitations.revoke")} ${email}`}
      >
        {t("team.invitations.revoke")}
      </Button>
      {revoke.error ? <span className="text-xs text-red-600">{errorMessage(revoke.error)}</span> : null}
    </span>
  );
}

/** Disable asks once more (its sessions end at once); re-enable does not. */
export function MemberSwitch({
  userId,
  name,
  email,
  disabled,
}: {
  userId: string;
  name: string;
  email: string;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const done = {
    onSuccess: () => {
      setConfirming(false);
      router.refresh();
    },
  };
  const disable = useMutation(trpc.team.disable.mutationOptions(done));
  const enable = useMutation(trpc.team.enable.mutationOptions(done));
  const error = disable.error ?? enable.error;
  const pending = disable.isPending || enable.isPending;
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid={`member-actions-${email}`}>
      {disabled ? (
        <Button
          variant="secondary"
          className="px-2 py-1 text-xs"
          disabled={pending}
          onClick={() => enable.mutate({ userId })}
        >
          {t("team.members.enable")}
        </Button>
      ) : confirming ? (
        <>
          <span className="text-xs text-slate-600">{t("team.members.confirmDisable", { name })}</span>
          <Button
            variant="danger"
            className="px-2 py-1 text-xs"
            disabled={pending}
            onClick={() => disable.mutate({ userId })}
          >
            {t("app.confirm")}
          </Button>
          <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setConfirming(false)}>
            {t("app.cancel")}
          </Button>
        </>
      ) : (
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setConfirming(true)}>
          {t("team.members.disable")}
        </Button>
      )}
      {error ? <span className="text-xs text-red-600">{errorMessage(error)}</span> : null}
    </span>
  );
}
