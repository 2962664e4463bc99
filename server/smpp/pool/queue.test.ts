import { describe, expect, it } from "vitest";
import { SubmitQueue } from "./queue";

const item = (ordinal: number) => ({ ordinal });

describe("SubmitQueue", () => {
  it("is first in, first out", () => {
    const queue = new SubmitQueue<{ ordinal: number }>();
    for (let i = 0; i < 5; i++) queue.push(item(i));
    expect(queue.size).toBe(5);
    expect([queue.shift(), queue.shift()].map((x) => x?.ordinal)).toEqual([0, 1]);
    expect(queue.peek()?.ordinal).toBe(2);
  });

  it("sends segments put back after a throttle before newer ones, in their original order", () => {
    const queue = new SubmitQueue<{ ordinal: number }>();
    for (let i = 0; i < 10; i++) queue.push(item(i));
    const sent = [queue.shift()!, queue.shift()!, queue.shift()!, queue.shift()!];
    // responses come back in any order; throttled 3, 1 and 2
    queue.putBack(sent[3]!);
    queue.putBack(sent[1]!);
    queue.putBack(sent[2]!);
    const order: number[] = [];
    for (let x = queue.shift(); x; x = queue.shift()) order.push(x.ordinal);
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("stays correct across compaction of a long run", () => {
    const queue = new SubmitQueue<{ ordinal: number }>();
    for (let i = 0; i < 5_000; i++) queue.push(item(i));
    for (let i = 0; i < 3_000; i++) expect(queue.shift()?.ordinal).toBe(i);
    for (let i = 5_000; i < 5_010; i++) queue.push(item(i));
    expect(queue.size).toBe(2_010);
    expect(queue.drain().map((x) => x.ordinal)).toEqual(Array.from({ length: 2_010 }, (_, i) => 3_000 + i));
    expect(queue.size).toBe(0);
    expect(queue.shift()).toBeUndefined();
  });

  it("drains returned segments first", () => {
    const queue = new SubmitQueue<{ ordinal: number }>();
    queue.push(item(0));
    queue.push(item(1));
    const first = queue.shift()!;
    queue.putBack(first);
    expect(queue.drain().map((x) => x.ordinal)).toEqual([0, 1]);
  });
});
