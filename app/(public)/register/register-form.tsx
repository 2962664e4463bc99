"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { AgreementView } from "@/app/_components/agreement-view";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Button, Card, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { meetsPasswordPolicy } from "@/server/auth/password-policy";
import type { ContractTerms } from "@/server/contracts/terms";
import { agreementSections } from "@/server/contracts/agreement";
import { usccProblem } from "@/server/enterprises/uscc";
import { formatFen, formatLiAsYuan } from "@/server/money";
import { isPhoneNumber, normalizeMobile } from "@/server/phone";

const ENTERPRISE_FIELDS = [
  "name",
  "uscc",
  "legalRepresentative",
  "address",
  "phone",
  "bankName",
  "bankAccount",
  "contactName",
  "contactEmail",
  "contactMobile",
] as const;
type EnterpriseField = (typeof ENTERPRISE_FIELDS)[number];
const STEPS = ["enterprise", "admin", "package", "preview"] as const;

export function RegisterForm() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const [step, setStep] = useState(0);
  const [enterprise, setEnterprise] = useState<Record<EnterpriseField, string>>(
    () => Object.fromEntries(ENTERPRISE_FIELDS.map((f) => [f, ""])) as Record<EnterpriseField, string>,
  );
  const [admin, setAdmin] = useState({ name: "", email: "", password: "", confirm: "" });
  const [startDate, setStartDate] = useState("");
  const [packageCode, setPackageCode] = useState("");
  const [accepted, setAccepted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [terms, setTerms] = useState<ContractTerms | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const packages = useQuery(trpc.packages.list.queryOptions());
  const preview = useMutation(trpc.registration.preview.mutationOptions());
  const checkStep = useMutation(trpc.registration.checkStep.mutationOptions());
  const submit = useMutation(trpc.registration.submit.mutationOptions());
  const agreement = useMemo(() => (terms ? agreementSections(terms) : null), [terms]);

  const input = () => ({
    enterprise,
    admin: { name: admin.name, email: admin.email, password: admin.password },
    packageCode,
    ...(startDate ? { startDate } : {}),
  });

  /** The same checks the server makes, so mistakes show before a round trip. */
  function problem(): string | null {
    if (step === 0) {
      const empty = ENTERPRISE_FIELDS.find((f) => !enterprise[f].trim());
      if (empty) return t("errors.INVALID_REQUEST", { detail: t(`party.${empty}`) });
      const uscc = usccProblem(enterprise.uscc);
      if (uscc) return t("errors.USCC_INVALID", { reasonKey: `usccProblems.${uscc}` });
      if (!isPhoneNumber(enterprise.phone)) return t("errors.PHONE_INVALID");
      if (!normalizeMobile(enterprise.contactMobile)) return t("errors.MOBILE_INVALID");
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(enterprise.contactEmail.trim()))
        return t("errors.INVALID_REQUEST", { detail: t("party.contactEmail") });
    }
    if (step === 1) {
      if (!admin.name.trim() || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(admin.email.trim()))
        return t("errors.INVALID_REQUEST", { detail: t("contracts.register.adminEmail") });
      if (!meetsPasswordPolicy(admin.password, admin.email)) return t("errors.PASSWORD_POLICY");
      if (admin.password !== admin.confirm) return t("account.passwordsDiffer");
    }
    if (step === 2 && !packageCode) return t("errors.PACKAGE_UNAVAILABLE");
    return null;
  }

  async function next() {
    setError(null);
    const p = problem();
    if (p) return setError(p);
    // A USCC or e-mail already registered is said at its own step, not after the agreement.
    if (step === 0 || step === 1) {
      try {
        await checkStep.mutateAsync(step === 0 ? { enterprise } : { adminEmail: admin.email });
      } catch (e) {
        return setError(errorMessage(e));
      }
    }
    if (step === 2) {
      try {
        setTerms(await preview.mutateAsync(input()));
      } catch (e) {
        return setError(errorMessage(e));
      }
    }
    setStep((s) => s + 1);
  }

  async function onSubmit() {
    setError(null);
    if (!accepted) return setError(t("contracts.register.mustAccept"));
    try {
      const result = await submit.mutateAsync(input());
      setDone(result.contractNumber);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  if (done) {
    return (
      <Card>
        <Alert tone="success" testId="register-done">
          {t("contracts.register.done", { number: done })}
        </Alert>
        <Link
          href="/login"
          className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white"
        >
          {t("contracts.register.goLogin")}
        </Link>
      </Card>
    );
  }

  return (
    <div className="space-y-6">
      <ol className="flex flex-wrap gap-2 text-sm" aria-label="steps">
        {STEPS.map((s, i) => (
          <li
            key={s}
            className={`rounded-full px-3 py-1 ${i === step ? "bg-brand-600 text-white" : i < step ? "bg-brand-100 text-brand-700" : "bg-slate-100 text-slate-500"}`}
          >
            {i + 1}. {t(`contracts.register.steps.${s}`)}
          </li>
        ))}
      </ol>

      {step === 0 ? (
        <Card>
          <div className="grid gap-4 sm:grid-cols-2">
            {ENTERPRISE_FIELDS.map((f) => (
              <div key={f}>
                <Label htmlFor={f}>{t(`party.${f}`)}</Label>
                <Input
                  id={f}
                  value={enterprise[f]}
                  onChange={(e) => setEnterprise({ ...enterprise, [f]: e.target.value })}
                  placeholder={f === "uscc" ? t("contracts.register.usccHint") : undefined}
                />
              </div>
            ))}
          </div>
        </Card>
      ) : null}

      {step === 1 ? (
        <Card>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <Label htmlFor="adminName">{t("contracts.register.adminName")}</Label>
              <Input id="adminName" value={admin.name} onChange={(e) => setAdmin({ ...admin, name: e.target.value })} />
            </div>
            <div>
              <Label htmlFor="adminEmail">{t("contracts.register.adminEmail")}</Label>
              <Input
                id="adminEmail"
                type="email"
                value={admin.email}
                onChange={(e) => setAdmin({ ...admin, email: e.target.value })}
              />
            </div>
            <div>
              <Label htmlFor="adminPassword">{t("contracts.register.password")}</Label>
              <Input
                id="adminPassword"
                type="password"
                autoComplete="new-password"
                value={admin.password}
                onChange={(e) => setAdmin({ ...admin, password: e.target.value })}
              />
              <p className="mt-1 text-xs text-slate-500">{t("account.passwordPolicy")}</p>
            </div>
            <div>
              <Label htmlFor="adminConfirm">{t("contracts.register.passwordConfirm")}</Label>
              <Input
                id="adminConfirm"
                type="password"
                autoComplete="new-password"
                value={admin.confirm}
                onChange={(e) => setAdmin({ ...admin, confirm: e.target.value })}
              />
            </div>
            <div>
              <Label htmlFor="startDate">{t("contracts.register.startDate")}</Label>
              <Input id="startDate" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
              <p className="mt-1 text-xs text-slate-500">{t("contracts.register.startDateHint")}</p>
            </div>
          </div>
        </Card>
      ) : null}

      {step === 2 ? (
        <div className="grid gap-3 sm:grid-cols-2" role="radiogroup">
          {packages.data?.map((p) => (
            <label
              key={p.code}
              className={`cursor-pointer rounded-lg border bg-white p-4 shadow-sm ${packageCode === p.code ? "border-brand-600 ring-2 ring-brand-100" : "border-slate-200"}`}
            >
              <input
                type="radio"
                name="package"
                value={p.code}
                className="sr-only"
                checked={packageCode === p.code}
                onChange={() => setPackageCode(p.code)}
              />
              <div className="font-medium text-slate-900">{locale === "zh" ? p.nameZh : p.nameEn}</div>
              {p.current ? (
                <table className="mt-2 w-full text-sm" data-testid={`package-terms-${p.code}`}>
                  <tbody className="divide-y divide-slate-100">
                    {(
                      [
                        [t("packages.baseFee"), formatFen(p.current.baseFeeFen)],
                        [t("packages.included"), p.current.includedMessages.toLocaleString()],
                        [t("packages.overage"), formatLiAsYuan(p.current.overagePriceLi)],
                        [t("packages.dailyCap"), p.current.dailyCap.toLocaleString()],
                      ] as const
                    ).map(([label, value]) => (
                      <tr key={label}>
                        <th scope="row" className="py-1 pr-3 text-left font-normal whitespace-nowrap text-slate-500">
                          {label}
                        </th>
                        <td className="num py-1 text-right text-slate-900">{value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {p.isFree ? <div className="mt-1 text-xs text-slate-500">{t("packages.freeNote")}</div> : null}
            </label>
          ))}
        </div>
      ) : null}

      {step === 3 && agreement ? (
        <div className="space-y-4">
          <AgreementView doc={agreement} />
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="mt-1"
              checked={accepted}
              onChange={(e) => setAccepted(e.target.checked)}
            />
            {t("contracts.register.accept")}
          </label>
        </div>
      ) : null}

      {error ? (
        <Alert tone="error" testId="register-error">
          {error}
        </Alert>
      ) : null}

      <div className="flex justify-between">
        <Button
          variant="secondary"
          type="button"
          disabled={step === 0}
          onClick={() => {
            setError(null);
            setStep((s) => s - 1);
          }}
        >
          {t("contracts.register.prev")}
        </Button>
        {step < 3 ? (
          <Button type="button" onClick={() => void next()} disabled={preview.isPending}>
            {t("contracts.register.next")}
          </Button>
        ) : (
          <Button type="button" onClick={() => void onSubmit()} disabled={submit.isPending}>
            {submit.isPending ? t("contracts.register.submitting") : t("contracts.register.submit")}
          </Button>
        )}
      </div>
    </div>
  );
}
