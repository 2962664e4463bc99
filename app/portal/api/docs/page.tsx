// The HTTP API's readable documentation, in the reader's language, rendered from the same OpenAPI
// document that /api/v1/openapi.json serves.
import Link from "next/link";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { requireCustomer } from "@/app/_components/guards";
import { Card, PageHeader } from "@/app/_components/ui";
import { API_ERROR_STATUS } from "@/server/api-v1/errors";
import { DOCUMENTED_ERROR_CODES, openApiDocument } from "@/server/api-v1/openapi";
import { rateLimitSettingsFromEnv } from "@/server/api-v1/rate-limit";
import { currentTranslator } from "@/server/i18n/current";

interface Property {
  type?: string | string[];
  description?: string;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  /** A nullable field: its type and null. */
  anyOf?: Property[];
}

function typeOf(p: Property): string {
  if (p.anyOf) return p.anyOf.map(typeOf).join(" | ");
  const type = Array.isArray(p.type) ? p.type.join(" | ") : (p.type ?? "");
  return p.format ? `${type} (${p.format})` : type;
}

function constraintsOf(p: Property): string {
  if (p.anyOf) return p.anyOf.map(constraintsOf).filter(Boolean).join("; ");
  const parts: string[] = [];
  if (p.enum) parts.push(p.enum.join(" | "));
  if (p.minLength !== undefined || p.maxLength !== undefined)
    parts.push(`${p.minLength ?? 0}–${p.maxLength ?? "∞"} chars`);
  if (p.minItems !== undefined || p.maxItems !== undefined) parts.push(`${p.minItems ?? 0}–${p.maxItems ?? "∞"} items`);
  return parts.join("; ");
}

function Table({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            {head.map((h) => (
              <th key={h} className="px-3 py-2 text-left font-medium text-slate-600">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j} className="px-3 py-2 align-top">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Code({ children }: { children: string }) {
  return (
    <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
      <code>{children}</code>
    </pre>
  );
}

export default async function ApiDocsPage() {
  await requireCustomer();
  const { t, locale } = await currentTranslator();
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
  const doc = openApiDocument(locale, origin);
  const schemas = doc.components.schemas as unknown as Record<
    string,
    { properties: Record<string, Property>; required?: string[] }
  >;
  const rate = rateLimitSettingsFromEnv();
  const fieldRows = (name: string, withRequired: boolean) => {
    const s = schemas[name];
    if (!s) return [];
    return Object.entries(s.properties).map(([field, p]) => [
      <code key="f">{field}</code>,
      typeOf(p),
      ...(withRequired ? [s.required?.includes(field) ? t("api.docs.yes") : t("api.docs.no")] : []),
      constraintsOf(p),
      p.description ?? "",
    ]);
  };
  const base = `${origin}/api/v1`;
  const example = JSON.stringify({
    to: ["13800138000"],
    content: t("api.docs.exampleContent"),
    purpose: "NOTICE",
    clientRef: "order-12345",
  });
  return (
    <>
      <PageHeader
        title={t("api.docs.title")}
        intro={t("api.docs.intro")}
        actions={
          <Link href="/portal/api" className="text-sm text-brand-700 hover:underline">
            {t("api.docs.back")}
          </Link>
        }
      />
      <p className="mb-6 text-sm">
        <a href="/api/v1/openapi.json" className="font-mono text-brand-700 hover:underline" data-testid="openapi-link">
          /api/v1/openapi.json
        </a>
      </p>
      <div className="space-y-6">
        <Card title={t("api.docs.basics")}>
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="font-medium">{t("api.docs.baseUrl")}</dt>
              <dd className="font-mono">{base}</dd>
            </div>
            <div>
              <dt className="font-medium">{t("api.docs.auth")}</dt>
              <dd>{t("api.docs.authText")}</dd>
            </div>
            <div>
              <dt className="font-medium">{t("api.docs.language")}</dt>
              <dd>{t("api.docs.languageText")}</dd>
            </div>
            <div>
              <dt className="font-medium">{t("api.docs.idempotency")}</dt>
              <dd>{t("api.docs.idempotencyText")}</dd>
            </div>
            <div>
              <dt className="font-medium">{t("api.docs.rateLimit")}</dt>
              <dd>{t("api.docs.rateLimitText", { rate: rate.ratePerSecond, burst: rate.burst })}</dd>
            </div>
            <div>
              <dt className="font-medium">{t("api.docs.dailyCap")}</dt>
              <dd>{t("api.docs.dailyCapText")}</dd>
            </div>
            <div>
              <dt className="font-medium">{t("api.docs.review")}</dt>
              <dd>{t("api.docs.reviewText")}</dd>
            </div>
          </dl>
        </Card>
        <Card title={`POST /api/v1/messages · ${doc.paths["/messages"].post.summary}`}>
          <p className="mb-3 text-sm text-slate-600">{doc.paths["/messages"].post.description}</p>
          <h3 className="mb-2 text-sm font-semibold">{t("api.docs.requestBody")}</h3>
          <Table
            head={[
              t("api.docs.field"),
              t("api.docs.type"),
              t("api.docs.required"),
              t("api.docs.constraints"),
              t("api.docs.description"),
            ]}
            rows={fieldRows("SendMessagesRequest", true)}
          />
          <h3 className="mt-4 mb-2 text-sm font-semibold">{t("api.docs.responseFields", { status: 202 })}</h3>
          <Table
            head={[t("api.docs.field"), t("api.docs.type"), t("api.docs.constraints"), t("api.docs.description")]}
            rows={fieldRows("SendMessagesResponse", false)}
          />
        </Card>
        <Card title={`GET /api/v1/jobs/{id} · ${doc.paths["/jobs/{id}"].get.summary}`}>
          <p className="mb-3 text-sm text-slate-600">{doc.paths["/jobs/{id}"].get.description}</p>
          <Table
            head={[t("api.docs.field"), t("api.docs.type"), t("api.docs.constraints"), t("api.docs.description")]}
            rows={fieldRows("Job", false)}
          />
        </Card>
        <Card title={`GET /api/v1/messages/{id} · ${doc.paths["/messages/{id}"].get.summary}`}>
          <p className="mb-3 text-sm text-slate-600">{doc.paths["/messages/{id}"].get.description}</p>
          <Table
            head={[t("api.docs.field"), t("api.docs.type"), t("api.docs.constraints"), t("api.docs.description")]}
            rows={fieldRows("Message", false)}
          />
        </Card>
        <Card title={t("api.docs.errors")}>
          <p className="mb-3 text-sm text-slate-600">{t("api.docs.errorsIntro")}</p>
          <Table
            head={[t("api.docs.code"), t("api.docs.httpStatus"), t("api.docs.description")]}
            rows={[
              ...DOCUMENTED_ERROR_CODES.map((code) => [
                <code key="c">{code}</code>,
                API_ERROR_STATUS[code],
                t(`api.openapi.errors.${code}`),
              ]),
              [<code key="c">CONTENT_HELD_FOR_REVIEW</code>, 202, t("api.openapi.errors.CONTENT_HELD_FOR_REVIEW")],
            ]}
          />
        </Card>
        <Card title={t("api.docs.webhooks")}>
          <p className="mb-3 text-sm text-slate-600">{t("api.docs.webhooksText")}</p>
          <Table
            head={[t("api.docs.field"), t("api.docs.type"), t("api.docs.constraints"), t("api.docs.description")]}
            rows={fieldRows("WebhookPayload", false)}
          />
          <h3 className="mt-4 mb-2 text-sm font-semibold">{t("api.docs.signature")}</h3>
          <p className="mb-3 text-sm text-slate-600">{t("api.docs.signatureText")}</p>
        </Card>
        <Card title={t("api.docs.curl")}>
          <h3 className="mb-2 text-sm font-semibold">{t("api.docs.curlSend")}</h3>
          <Code>{`curl -X POST ${base}/messages \\\n  -H "Authorization: Bearer $QXT_API_KEY" \\\n  -H "Content-Type: application/json" \\\n  -H "Idempotency-Key: order-12345" \\\n  -d '${example}'`}</Code>
          <h3 className="mt-4 mb-2 text-sm font-semibold">{t("api.docs.curlJob")}</h3>
          <Code>{`curl ${base}/jobs/<jobId> -H "Authorization: Bearer $QXT_API_KEY"`}</Code>
          <h3 className="mt-4 mb-2 text-sm font-semibold">{t("api.docs.curlMessage")}</h3>
          <Code>{`curl ${base}/messages/<messageId> -H "Authorization: Bearer $QXT_API_KEY" -H "Accept-Language: en"`}</Code>
        </Card>
      </div>
    </>
  );
}
