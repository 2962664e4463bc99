"use client";
// Change password and see/revoke one's own sessions: the same panel in the portal and the back office.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatChinaDateTime } from "@/server/clock";
import { useTRPC } from "../_trpc/client";
import { useI18n } from "./i18n";
import { errorMessage } from "./trpc-error";
import { Alert, Badge, Button, Card, Input, Label } from "./ui";

export function AccountPanel() {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChangePassword />
      <Sessions />
    </div>
  );
}

function ChangePassword() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const change = useMutation(trpc.account.changePassword.mutationOptions());

  async function onSubmit(form: FormData) {
    setMessage(null);
    const currentPassword = String(form.get("currentPassword") ?? "");
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirmPassword") ?? "")) {
      setMessage({ tone: "error", text: t("account.passwordsDiffer") });
      return;
    }
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      setMessage({ tone: "success", text: t("account.passwordChanged") });
    } catch (error) {
      setMessage({ tone: "error", text: errorMessage(error) });
    }
  }

  return (
    <Card title={t("account.changePassword")}>
      <form action={onSubmit} className="space-y-4">
        <div>
          <Label htmlFor="currentPassword">{t("account.currentPassword")}</Label>
          <Input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
        </div>
        <div>
          <Label htmlFor="newPassword">{t("account.newPassword")}</Label>
          <Input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required />
          <p className="mt-1 text-xs text-slate-500">{t("account.passwordPolicy")}</p>
        </div>
        <div>
          <Label htmlFor="confirmPassword">{t("account.confirmPassword")}</Label>
          <Input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required />
        </div>
        {message ? (
          <Alert tone={message.tone} testId="password-message">
            {message.text}
          </Alert>
        ) : null}
        <Button type="submit" disabled={change.isPending}>
          {change.isPending ? t("app.saving") : t("app.save")}
        </Button>
      </form>
    </Card>
  );
}

function Sessions() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const revoke = useMutation(
    trpc.account.revokeSession.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() }),
    }),
  );
  return (
    <Card title={t("account.sessions")}>
      <p className="mb-3 text-sm text-slate-500">{t("account.sessionsIntro")}</p>
      {sessions.isPending ? <p className="text-sm text-slate-400">{t("app.loading")}</p> : null}
      {sessions.error ? <Alert tone="error">{errorMessage(sessions.error)}</Alert> : null}
      <ul className="divide-y divide-slate-100 text-sm" data-testid="session-list">
        {sessions.data?.map((s) => (
          <li key={s.id} className="flex items-start justify-between gap-3 py-2.5">
            <div className="min-w-0">
              <div className="truncate text-slate-800" title={s.userAgent ?? ""}>
                {s.userAgent ?? "—"}
              </div>
              <div className="num text-xs text-slate-500">
                {s.ip ?? "—"} · {t("account.createdAt")} {formatChinaDateTime(s.createdAt)} · {t("account.lastSeen")}{" "}
                {formatChinaDateTime(s.lastSeenAt)}
              </div>
            </div>
            {s.current ? (
              <Badge tone="green">{t("account.current")}</Badge>
            ) : (
              <Button
                variant="secondary"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ sessionId: s.id })}
              >
                {t("account.revoke")}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
