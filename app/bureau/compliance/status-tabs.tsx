// Filter links by state above a queue (pending first), kept in the URL.
import Link from "next/link";
import { withParams } from "@/app/_components/list-params";

export function StateLinks<S extends string>({ pathname, states, current, label, labelOf, defaultState }: {
  pathname: string;
  states: readonly S[];
  current: S;
  label: string;
  labelOf: (s: S) => string;
  defaultState: S;
}) {
  return (
    <nav className="mb-4 flex gap-1 text-sm" aria-label={label}>
      {states.map((s) => (
        <Link
          key={s}
          href={withParams(pathname, {}, { status: s === defaultState ? undefined : s })}
          aria-current={s === current ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 ${s === current ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {labelOf(s)}
        </Link>
      ))}
    </nav>
  );
}
