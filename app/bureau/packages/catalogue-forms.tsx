"use client";
// BUREAU_ADMIN's catalogue forms: create a package, publish a price version, put on or take off sale,
// withdraw a version not yet in force. Amounts are typed in 元 and sent as fen / 厘; the rules live in
// server/packages/catalogue.ts.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Button, Card, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { parseYuanToFen, parseYuanToLi } from "@/server/money";

type Message = { tone: "error" | "success"; text: string } | null;

function useTermsReader() {
  const { t } = useI18n();
  return (form: FormData) => {
    const text = (k: string) => String(form.get(k) ?? "");
    const baseFeeFen = parseYuanToFen(text("baseFee"));
    const overagePriceLi = parseYuanToLi(text("overage"));
    const int = (k: string) => (/^\d+$/.test(text(k).trim()) ? Number.parseInt(text(k), 10) : null);
    const includedMessages = int("includedMessages");
    const dailyCap = int("dailyCap");
    if (
      baseFeeFen === null ||
      baseFeeFen < 0 ||
      overagePriceLi === null ||
      includedMessages === null ||
      dailyCap === null
    ) {
      return {
        error: t("errors.PACKAGE_TERMS_INVALID", { field: `${t("packages.baseFee")} / ${t("packages.overage")}` }),
      };
    }
    return { terms: { baseFeeFen, overagePriceLi, includedMessages, dailyCap } };
  };
}

function TermsFields({ prefix }: { prefix: string }) {
  const { t } = useI18n();
  return (
    <>
      <div>
        <Label htmlFor={`${prefix}-baseFee`}>{t("packages.baseFee")}</Label>
        <Input
          id={`${prefix}-baseFee`}
          name="baseFee"
          inputMode="decimal"
          placeholder="300.00"
          required
          className="num"
        />
      </div>
      <div>
        <Label htmlFor={`${prefix}-includedMessages`}>{t("packages.included")}</Label>
        <Input
          id={`${prefix}-includedMessages`}
          name="includedMessages"
          type="number"
          min={0}
          required
          className="num"
        />
      </div>
      <div>
        <Label htmlFor={`${prefix}-overage`}>{t("packages.overage")}</Label>
        <Input
          id={`${prefix}-overage`}
          name="overage"
          inputMode="decimal"
          placeholder="0.045"
          required
          className="num"
        />
      </div>
      <div>
        <Label htmlFor={`${prefix}-dailyCap`}>{t("packages.dailyCap")}</Label>
        <Input id={`${prefix}-dailyCap`} name="dailyCap" type="number" min={1} required className="num" />
      </div>
    </>
  );
}

export function CreatePackageForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const readTerms = useTermsReader();
  const [message, setMessage] = useState<Message>(null);
  const create = useMutation(trpc.packages.create.mutationOptions());

  async function onSubmit(form: FormData) {
    setMessage(null);
    const read = readTerms(form);
    if (!read.terms) return setMessage({ tone: "error", text: read.error });
    try {
      await create.mutateAsync({
        code: String(form.get("code") ?? "")
          .trim()
          .toUpperCase(),
        nameZh: String(form.get("nameZh") ?? ""),
        nameEn: String(form.get("nameEn") ?? ""),
        isFree: form.get("isFree") === "on",
        forSale: form.get("forSale") === "on",
        ...read.terms,
      });
      setMessage({ tone: "success", text: t("app.saved") });
      router.refresh();
    } catch (error) {
      setMessage({ tone: "error", text: errorMessage(error) });
    }
  }

  return (
    <Card title={t("packages.create")}>
      <form action={onSubmit} className="space-y-4" data-testid="package-create-form">
        <div className="grid gap-4 sm:grid-cols-3">
          <div>
            <Label htmlFor="new-code">{t("packages.code")}</Label>
            <Input id="new-code" name="code" required pattern="[A-Za-z0-9_\-]{2,32}" />
          </div>
          <div>
            <Label htmlFor="new-nameZh">{t("packages.nameZh")}</Label>
            <Input id="new-nameZh" name="nameZh" required maxLength={60} />
          </div>
          <div>
            <Label htmlFor="new-nameEn">{t("packages.nameEn")}</Label>
            <Input id="new-nameEn" name="nameEn" required maxLength={60} />
          </div>
        </div>
        <div className="grid gap-4 sm:grid-cols-4">
          <TermsFields prefix="new" />
        </div>
        <div className="flex gap-6 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="forSale" defaultChecked /> {t("packages.forSale")}
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="isFree" /> {t("packages.free")}
          </label>
        </div>
        {message ? (
          <Alert tone={message.tone} testId="package-create-message">
            {message.text}
          </Alert>
        ) : null}
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t("app.saving") : t("packages.create")}
        </Button>
      </form>
    </Card>
  );
}

export function PublishPriceForm({ packageId, nextFirst }: { packageId: string; nextFirst: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const readTerms = useTermsReader();
  const [message, setMessage] = useState<Message>(null);
  const publish = useMutation(trpc.packages.publishPrice.mutationOptions());

  async function onSubmit(form: FormData) {
    setMessage(null);
    const read = readTerms(form);
    if (!read.terms) return setMessage({ tone: "error", text: read.error });
    try {
      const published = await publish.mutateAsync({
        packageId,
        effectiveOn: String(form.get("effectiveOn") ?? ""),
        ...read.terms,
      });
      setMessage({
        tone: "success",
        text: t("packages.published", { version: published.version, date: published.effectiveOn }),
      });
      router.refresh();
    } catch (error) {
      setMessage({ tone: "error", text: errorMessage(error) });
    }
  }

  return (
    <form action={onSubmit} className="space-y-3" data-testid={`publish-price-${packageId}`}>
      <div className="grid gap-3 sm:grid-cols-5">
        <div>
          <Label htmlFor={`${packageId}-effectiveOn`}>{t("packages.effectiveFrom")}</Label>
          <Input
            id={`${packageId}-effectiveOn`}
            name="effectiveOn"
            type="date"
            defaultValue={nextFirst}
            min={nextFirst}
            required
          />
        </div>
        <TermsFields prefix={packageId} />
      </div>
      <p className="text-xs text-slate-500">{t("packages.publishNote")}</p>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button type="submit" disabled={publish.isPending}>
        {t("packages.publish")}
      </Button>
    </form>
  );
}

export function ForSaleButton({ packageId, forSale }: { packageId: string; forSale: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const toggle = useMutation(trpc.packages.setForSale.mutationOptions());
  return (
    <div>
      <Button
        type="button"
        variant={forSale ? "danger" : "secondary"}
        disabled={toggle.isPending}
        onClick={async () => {
          setError(null);
          try {
            await toggle.mutateAsync({ packageId, forSale: !forSale });
            router.refresh();
          } catch (e) {
            setError(errorMessage(e));
          }
        }}
      >
        {forSale ? t("packages.withdraw") : t("packages.offer")}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}

export function WithdrawPriceButton({ packageId, version }: { packageId: string; version: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const withdraw = useMutation(trpc.packages.withdrawPrice.mutationOptions());
  return (
    <span>
      <button
        type="button"
        className="text-xs text-red-700 underline disabled:opacity-50"
        disabled={withdraw.isPending}
        onClick={async () => {
          setError(null);
          try {
            await withdraw.mutateAsync({ packageId, version });
            router.refresh();
          } catch (e) {
            setError(errorMessage(e));
          }
        }}
      >
        {t("packages.withdrawVersion")}
      </button>
      {error ? <span className="ml-2 text-xs text-red-700">{error}</span> : null}
    </span>
  );
}
