"use client";
// The customer admin's actions on the API page: create a key (shown once), revoke, and the webhook.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Badge, Button, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

function ShownOnce({ value, text, testId }: { value: string; text: string; testId: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div
      className="mt-3 space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-800"
      role="status"
    >
      <p>{text}</p>
      <div className="flex gap-2">
        <Input
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(e) => e.currentTarget.select()}
          className="font-mono text-xs"
          aria-label={t("api.keys.copy")}
        />
        <Button
          type="button"
          variant="secondary"
          className="shrink-0"
          onClick={async () => {
            await navigator.clipboard.writeText(value);
            setCopied(true);
          }}
        >
          {copied ? t("api.keys.copied") : t("api.keys.copy")}
        </Button>
      </div>
    </div>
  );
}

export function CreateKeyForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: () => router.refresh() }));
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    try {
      await create.mutateAsync({ name: String(new FormData(element).get("name") ?? "") });
      element.reset();
    } catch {
      // Shown below.
    }
  }
  return (
    <div>
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
        <div className="w-72">
          <Label htmlFor="key-name">{t("api.keys.name")}</Label>
          <Input id="key-name" name="name" required maxLength={50} placeholder={t("api.keys.namePlaceholder")} />
        </div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t("api.keys.creating") : t("api.keys.create")}
        </Button>
      </form>
      {create.error ? (
        <div className="mt-3">
          <Alert tone="error">{errorMessage(create.error)}</Alert>
        </div>
      ) : null}
      {create.data ? (
        <ShownOnce
          value={create.data.key}
          text={t("api.keys.created", { name: create.data.name })}
          testId="new-api-key"
        />
      ) : null}
    </div>
  );
}

export function RevokeKeyButton({ apiKeyId, name }: { apiKeyId: string; name: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs"
        disabled={revoke.isPending}
        aria-label={`${t("api.keys.revoke")} ${name}`}
        onClick={() => {
          if (window.confirm(t("api.keys.confirmRevoke", { name }))) revoke.mutate({ apiKeyId });
        }}
      >
        {t("api.keys.revoke")}
      </Button>
      {revoke.error ? <span className="text-xs text-red-600">{errorMessage(revoke.error)}</span> : null}
    </span>
  );
}

/** The ping's whole answer: reachable or not, and the status code. */
function PingAnswer({ reachable, status }: { reachable: boolean; status?: number | undefined }) {
  const { t } = useI18n();
  if (!reachable || status === undefined)
    return (
      <Alert tone="error" testId="webhook-ping">
        {t("api.webhook.pingUnreachable")}
      </Alert>
    );
  const ok = status >= 200 && status < 300;
  return (
    <Alert tone={ok ? "success" : "error"} testId="webhook-ping">
      {t(ok ? "api.webhook.pingOk" : "api.webhook.pingNot2xx", { status })}
    </Alert>
  );
}

export function WebhookForm({
  endpoint,
  canEdit,
}: {
  endpoint: { url: string; active: boolean } | null;
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = { onSuccess: () => router.refresh() };
  const save = useMutation(trpc.apiKeys.setWebhook.mutationOptions(refresh));
  const rotate = useMutation(trpc.apiKeys.rotateWebhookSecret.mutationOptions(refresh));
  const disable = useMutation(trpc.apiKeys.disableWebhook.mutationOptions(refresh));
  const ping = useMutation(trpc.apiKeys.pingWebhook.mutationOptions());
  const [url, setUrl] = useState(endpoint?.url ?? "");
  const secret = rotate.data?.secret ?? save.data?.secret ?? null;
  const error = save.error ?? rotate.error ?? disable.error ?? ping.error;
  return (
    <div className="space-y-3">
      <p className="text-sm">
        {t("api.webhook.state")}：
        {endpoint ? (
          <Badge tone={endpoint.active ? "green" : "slate"}>
            {endpoint.active ? t("api.webhook.active") : t("api.webhook.disabled")}
          </Badge>
        ) : (
          <span className="text-slate-500">{t("api.webhook.notSet")}</span>
        )}
      </p>
      {canEdit ? (
        <>
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ url });
            }}
          >
            <div className="min-w-80 flex-1">
              <Label htmlFor="webhook-url">{t("api.webhook.url")}</Label>
              <Input
                id="webhook-url"
                type="url"
                required
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                placeholder={t("api.webhook.urlPlaceholder")}
              />
            </div>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? t("api.webhook.saving") : t("api.webhook.save")}
            </Button>
          </form>
          {endpoint ? (
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="secondary" disabled={ping.isPending} onClick={() => ping.mutate()}>
                {ping.isPending ? t("api.webhook.pinging") : t("api.webhook.ping")}
              </Button>
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  if (window.confirm(t("api.webhook.confirmRotate"))) rotate.mutate();
                }}
              >
                {t("api.webhook.rotate")}
              </Button>
              {endpoint.active ? (
                <Button
                  type="button"
                  variant="danger"
                  onClick={() => {
                    if (window.confirm(t("api.webhook.confirmDisable"))) disable.mutate();
                  }}
                >
                  {t("api.webhook.disable")}
                </Button>
              ) : null}
            </div>
          ) : null}
        </>
      ) : endpoint ? (
        <p className="font-mono text-sm">{endpoint.url}</p>
      ) : null}
      {save.isSuccess && !secret ? <Alert tone="success">{t("api.webhook.saved")}</Alert> : null}
      {secret ? <ShownOnce value={secret} text={t("api.webhook.secretShownOnce")} testId="webhook-secret" /> : null}
      {ping.data ? <PingAnswer reachable={ping.data.reachable} status={ping.data.status} /> : null}
      {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
    </div>
  );
}
