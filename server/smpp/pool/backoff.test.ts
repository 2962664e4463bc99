import { describe, expect, it } from "vitest";
import { rebindDelayMs } from "./backoff";

const policy = { minMs: 1_000, maxMs: 60_000 };

describe("rebindDelayMs", () => {
  it("doubles per attempt between half and all of the ceiling", () => {
    expect(rebindDelayMs(0, policy, () => 0)).toBe(500);
    expect(rebindDelayMs(0, policy, () => 1)).toBe(1_000);
    expect(rebindDelayMs(1, policy, () => 1)).toBe(2_000);
    expect(rebindDelayMs(3, policy, () => 0.5)).toBe(6_000);
  });

  it("is capped, even after very many attempts", () => {
    expect(rebindDelayMs(6, policy, () => 1)).toBe(60_000);
    expect(rebindDelayMs(10_000, policy, () => 1)).toBe(60_000);
    expect(rebindDelayMs(10_000, policy, () => 0)).toBe(30_000);
  });

  it("spreads binds that failed together", () => {
    const delays = new Set(Array.from({ length: 20 }, () => rebindDelayMs(4, policy)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(8_000);
  });
});
