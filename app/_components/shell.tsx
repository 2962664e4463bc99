// The frame of the portal and of the back office: top bar, side navigation, content.
import Link from "next/link";
import type { ReactNode } from "react";
import type { SessionUser } from "@/server/auth/accounts";
import type { Translate } from "@/server/i18n";
import { LocaleSwitch } from "./locale-switch";
import { type NavItem, NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function AppShell(props: {
  t: Translate;
  user: SessionUser;
  area: string;
  subtitle?: string;
  root: string;
  nav: NavItem[];
  children: ReactNode;
}) {
  const { t, user } = props;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white">
        <div className="flex h-14 items-center justify-between px-6">
          <Link href={props.root} className="flex items-center gap-2">
            <span className="rounded bg-brand-600 px-1.5 py-0.5 text-sm font-bold text-white">企</span>
            <span className="font-semibold text-slate-900">{t("app.name")}</span>
            <span className="text-sm text-slate-400">|</span>
            <span className="text-sm text-slate-600" data-testid="area-name">
              {props.area}
            </span>
          </Link>
          <div className="flex items-center gap-3">
            <span className="hidden text-sm text-slate-600 sm:inline" data-testid="current-user">
              {props.subtitle ? `${props.subtitle} · ` : ""}
              {user.name}（{t(`roles.${user.role}`)}）
            </span>
            <LocaleSwitch />
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="flex flex-1">
        <nav className="w-56 shrink-0 border-r border-slate-200 bg-white p-3" aria-label={props.area}>
          <NavLinks items={props.nav} root={props.root} />
        </nav>
        <main className="min-w-0 flex-1 p-6 lg:p-8">{props.children}</main>
      </div>
    </div>
  );
}
