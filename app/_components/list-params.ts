// Paging, sorting and filtering live in the URL, so every table can be bookmarked and shared.
export type SearchParams = Record<string, string | string[] | undefined>;

export function param(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === "" ? undefined : first;
}

export interface ListParams<S extends string> {
  page: number;
  pageSize: number;
  sort: S;
  dir: "asc" | "desc";
  search?: string;
}

export function parseListParams<S extends string>(
  params: SearchParams,
  options: { sorts: readonly S[]; defaultSort: S; defaultDir?: "asc" | "desc"; pageSize?: number },
): ListParams<S> {
  const page = Math.max(1, Math.min(100_000, Number.parseInt(param(params, "page") ?? "1", 10) || 1));
  const sortParam = param(params, "sort");
  const sort = options.sorts.find((s) => s === sortParam) ?? options.defaultSort;
  const dirParam = param(params, "dir");
  const dir = dirParam === "asc" || dirParam === "desc" ? dirParam : (options.defaultDir ?? "desc");
  const search = param(params, "q")?.slice(0, 100);
  return { page, pageSize: options.pageSize ?? 20, sort, dir, search };
}

/** The current URL with some parameters replaced (undefined removes one). */
export function withParams(
  pathname: string,
  params: SearchParams,
  changes: Record<string, string | number | undefined>,
): string {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v !== undefined && v !== "") next.set(key, v);
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === "") next.delete(key);
    else next.set(key, String(value));
  }
  const query = next.toString();
  return query ? `${pathname}?${query}` : pathname;
}
