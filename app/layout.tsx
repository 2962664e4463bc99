import type { Metadata } from "next";
import type { ReactNode } from "react";
import { currentLocale } from "@/server/i18n/current";
import { I18nProvider } from "./_components/i18n";
import { TRPCReactProvider } from "./_trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "企信通", template: "%s · 企信通" },
  description: "企业短信通 · 集团短信应用服务平台",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await currentLocale();
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body className="min-h-screen">
        <I18nProvider locale={locale}>
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
