// Filter links by state above a queue (pending first), kept in the URL.
import { withParams } from "@/app/_components/list-params";
import { FilterLinks } from "@/app/_components/tabs";

export function StateLinks<S extends string>({
  pathname,
  states,
  current,
  label,
  labelOf,
  defaultState,
}: {
  pathname: string;
  states: readonly S[];
  current: S;
  label: string;
  labelOf: (s: S) => string;
  defaultState: S;
}) {
  return (
    <FilterLinks
      label={label}
      items={states.map((s) => ({
        href: withParams(pathname, {}, { status: s === defaultState ? undefined : s }),
        label: labelOf(s),
        active: s === current,
      }))}
    />
  );
}
