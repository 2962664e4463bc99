import Link from "next/link";
import type { ReactNode } from "react";

export function StatusPage({
  code,
  title,
  body,
  action,
}: {
  code: string;
  title: string;
  body: string;
  action?: ReactNode;
}) {
  return (
    <div className="flex min-h-[70vh] items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="num text-5xl font-bold text-brand-600">{code}</p>
        <h1 className="mt-3 text-xl font-semibold text-slate-900" data-testid="status-title">
          {title}
        </h1>
        <p className="mt-2 text-sm text-slate-500">{body}</p>
        <div className="mt-6 flex justify-center gap-3">
          {action ?? (
            <Link
              href="/"
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              ←
            </Link>
          )}
        </div>
      </div>
    </div>
  );
}
