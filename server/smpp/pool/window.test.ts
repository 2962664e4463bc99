import { describe, expect, it } from "vitest";
import { Window } from "./window";

describe("Window", () => {
  it("holds at most its capacity", () => {
    const window = new Window<{ deadline: number; key: string }>(2);
    window.add(1, { deadline: 10, key: "a" });
    expect(window.hasRoom).toBe(true);
    window.add(2, { deadline: 11, key: "b" });
    expect(window.hasRoom).toBe(false);
    expect(() => window.add(3, { deadline: 12, key: "c" })).toThrow(RangeError);
    expect(window.take(1)?.key).toBe("a");
    expect(window.hasRoom).toBe(true);
    expect(window.size).toBe(1);
  });

  it("ignores responses to nothing outstanding and refuses a sequence number twice", () => {
    const window = new Window<{ deadline: number }>(3);
    window.add(7, { deadline: 1 });
    expect(() => window.add(7, { deadline: 2 })).toThrow(RangeError);
    expect(window.take(8)).toBeUndefined();
    expect(window.take(7)).toBeDefined();
    expect(window.take(7)).toBeUndefined();
  });

  it("expires requests past their deadline, in send order", () => {
    const window = new Window<{ deadline: number; key: string }>(5);
    window.add(1, { deadline: 100, key: "a" });
    window.add(2, { deadline: 110, key: "b" });
    window.add(3, { deadline: 120, key: "c" });
    expect(window.takeExpired(99)).toEqual([]);
    expect(window.takeExpired(110).map((e) => e.key)).toEqual(["a", "b"]);
    expect(window.size).toBe(1);
  });

  it("drains everything when the link dies", () => {
    const window = new Window<{ deadline: number; key: string }>(5);
    window.add(4, { deadline: 1, key: "x" });
    window.add(5, { deadline: 2, key: "y" });
    expect(window.drain().map((e) => e.key)).toEqual(["x", "y"]);
    expect(window.size).toBe(0);
  });

  it("must have a positive capacity", () => {
    expect(() => new Window(0)).toThrow(RangeError);
  });
});
