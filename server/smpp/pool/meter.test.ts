import { describe, expect, it } from "vitest";
import { LatencyReservoir, RateMeter, percentile } from "./meter";
import { RecentKeys } from "./recent-keys";

describe("RateMeter", () => {
  it("averages the last whole seconds", () => {
    const meter = new RateMeter(5);
    for (let t = 0; t < 5_000; t += 10) meter.add(t); // 100 per second for 5 s
    expect(meter.perSecond(5_000)).toBe(100);
    expect(meter.perSecond(7_000)).toBe(60); // two empty seconds since
    expect(meter.perSecond(60_000)).toBe(0);
  });
});

describe("LatencyReservoir", () => {
  it("gives percentiles of the recent samples", () => {
    const reservoir = new LatencyReservoir(100);
    expect(reservoir.percentiles()).toBeNull();
    for (let i = 1; i <= 100; i++) reservoir.add(i);
    expect(reservoir.percentiles()).toEqual({ p50: 50, p99: 99 });
    for (let i = 0; i < 100; i++) reservoir.add(1_000);
    expect(reservoir.percentiles()).toEqual({ p50: 1_000, p99: 1_000 });
  });

  it("uses nearest rank", () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([5], 0.99)).toBe(5);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe("RecentKeys", () => {
  it("forgets the oldest key first", () => {
    const keys = new RecentKeys(2);
    keys.add("a");
    keys.add("b");
    keys.add("a"); // refreshed
    keys.add("c");
    expect(keys.has("a")).toBe(true);
    expect(keys.has("b")).toBe(false);
    expect(keys.has("c")).toBe(true);
  });
});
