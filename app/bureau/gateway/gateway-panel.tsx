"use client";
// Live view of the SMPP pool (refreshed every 2 s) and the simulator's controls.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ActionForm, field } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { Alert, Badge, Card, Fields, Input, Label, StatCard } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

const STATS = ["DELIVRD", "UNDELIV", "EXPIRED", "REJECTD"] as const;
const NUMBERS = [
  "receiptDelayMs",
  "throttleAbovePerSecond",
  "dropConnectionEveryPdus",
  "responseDelayMs",
  "omitResponseEvery",
] as const;

export function GatewayPanel() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.gateway.status.queryOptions(undefined, { refetchInterval: 2000 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.gateway.status.queryKey() });
  const configure = useMutation(trpc.gateway.configureSimulator.mutationOptions({ onSuccess: refresh }));
  const inject = useMutation(trpc.gateway.injectReply.mutationOptions({ onSuccess: refresh }));
  const drop = useMutation(trpc.gateway.dropConnections.mutationOptions({ onSuccess: refresh }));
  const pool = status.data?.pool;
  const sim = status.data?.simulator;
  return (
    <div className="space-y-6">
      <Card title={t("gateway.pool")}>
        {!pool ? (
          <p className="text-sm text-slate-500" data-testid="pool-none">
            {t("gateway.noPool")}
          </p>
        ) : (
          <div className="space-y-4" data-testid="pool-status">
            <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
              <StatCard
                label={t("gateway.bindsUp")}
                value={`${pool.bindsUp} / ${pool.bindsConfigured}`}
                tone={pool.bindsUp < pool.bindsConfigured ? "warn" : "default"}
              />
              <StatCard label={t("gateway.perSecond")} value={pool.submittedPerSecond.toFixed(0)} />
              <StatCard
                label={t("gateway.inFlight")}
                value={`${pool.inFlight} · ${t("gateway.queued")} ${pool.queued}`}
              />
              <StatCard label={t("gateway.errors")} value={pool.errors} tone={pool.errors > 0 ? "warn" : "default"} />
            </div>
            <Fields
              items={[
                { label: t("gateway.state"), value: pool.state },
                {
                  label: t("gateway.latency"),
                  value: pool.latencyMs ? `${pool.latencyMs.p50.toFixed(1)} / ${pool.latencyMs.p99.toFixed(1)}` : "—",
                },
                { label: t("gateway.accepted"), value: pool.totals.accepted },
                { label: t("gateway.rejected"), value: pool.totals.rejected },
                { label: t("gateway.unknown"), value: pool.totals.unknown },
                { label: t("gateway.throttled"), value: pool.totals.throttled },
                { label: t("gateway.receipts"), value: pool.totals.receipts },
                { label: t("gateway.replies"), value: pool.totals.replies },
              ]}
            />
            <table className="min-w-full text-sm">
              <thead className="text-left text-slate-500">
                <tr>
                  <th className="py-1">{t("gateway.bind")}</th>
                  <th>{t("gateway.bindState")}</th>
                  <th>{t("gateway.inFlight")}</th>
                </tr>
              </thead>
              <tbody>
                {pool.binds.map((b, i) => (
                  <tr key={i} className="border-t border-slate-100">
                    <td className="py-1">#{i + 1}</td>
                    <td>
                      <Badge tone={b.state === "bound" ? "green" : "amber"}>{b.state}</Badge>
                    </td>
                    <td className="num">{b.inFlight}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {/* No simulator controls with a real SMSC upstream. */}
      {sim ? (
        <Card title={t("gateway.simulator")}>
          {!sim.state ? (
            <Alert tone="info" testId="simulator-down">
              {t("gateway.simulatorDown", { error: sim.error ?? "" })}
            </Alert>
          ) : null}
          {sim.state ? (
            <div className="space-y-6" data-testid="simulator-state">
              <Fields
                items={[
                  {
                    label: t("gateway.listening"),
                    value: `${sim.state.host}:${sim.state.port} (${sim.state.systemId})`,
                  },
                  { label: t("gateway.sessions"), value: sim.state.sessions.length },
                  { label: t("gateway.submitsReceived"), value: sim.state.counters.submitsReceived },
                  { label: t("gateway.scheduledReceipts"), value: sim.state.scheduledReceipts },
                ]}
              />
              <div className="grid gap-6 lg:grid-cols-2">
                <ActionForm
                  testId="simulator-settings"
                  submitLabel={t("gateway.apply")}
                  onSubmit={(form) =>
                    configure.mutateAsync({
                      ...Object.fromEntries(NUMBERS.map((k) => [k, Number.parseInt(field(form, k), 10) || 0])),
                      outcomeMix: Object.fromEntries(
                        STATS.map((s) => [s, Number(field(form, `mix-${s}`)) || 0]),
                      ) as Record<(typeof STATS)[number], number>,
                      refuseBinds: form.get("refuseBinds") === "on",
                    })
                  }
                >
                  <h3 className="text-sm font-semibold text-slate-700">{t("gateway.settings")}</h3>
                  <div className="grid gap-3 sm:grid-cols-2">
                    {NUMBERS.map((k) => (
                      <div key={k}>
                        <Label htmlFor={k}>{t(`gateway.${k}`)}</Label>
                        <Input
                          id={k}
                          name={k}
                          type="number"
                          min={0}
                          defaultValue={sim.state?.settings[k]}
                          className="num"
                        />
                      </div>
                    ))}
                  </div>
                  <div>
                    <span className="mb-1 block text-sm font-medium text-slate-700">{t("gateway.outcomeMix")}</span>
                    <div className="grid grid-cols-4 gap-2">
                      {STATS.map((s) => (
                        <label key={s} className="text-xs text-slate-500">
                          {s}
                          <Input
                            name={`mix-${s}`}
                            type="number"
                            min={0}
                            defaultValue={sim.state?.settings.outcomeMix[s]}
                            className="num"
                          />
                        </label>
                      ))}
                    </div>
                  </div>
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="refuseBinds" defaultChecked={sim.state.settings.refuseBinds} />
                    {t("gateway.refuseBinds")}
                  </label>
                </ActionForm>
                <div className="space-y-6">
                  <ActionForm
                    testId="inject-reply"
                    submitLabel={t("gateway.send")}
                    successText={() => t("gateway.done")}
                    onSubmit={(form) =>
                      inject.mutateAsync({
                        from: field(form, "from"),
                        to: field(form, "to"),
                        text: field(form, "text"),
                      })
                    }
                  >
                    <h3 className="text-sm font-semibold text-slate-700">{t("gateway.inject")}</h3>
                    <div className="grid gap-3 sm:grid-cols-3">
                      <div>
                        <Label htmlFor="from">{t("gateway.from")}</Label>
                        <Input id="from" name="from" defaultValue="13800138000" required />
                      </div>
                      <div>
                        <Label htmlFor="to">{t("gateway.to")}</Label>
                        <Input id="to" name="to" defaultValue="10690000" required />
                      </div>
                      <div>
                        <Label htmlFor="text">{t("gateway.text")}</Label>
                        <Input id="text" name="text" defaultValue="TD" required />
                      </div>
                    </div>
                  </ActionForm>
                  <ActionForm
                    variant="danger"
                    submitLabel={t("gateway.drop")}
                    successText={() => t("gateway.done")}
                    onSubmit={() => drop.mutateAsync()}
                  />
                </div>
              </div>
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
