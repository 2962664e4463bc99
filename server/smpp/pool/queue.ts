// Segments waiting for a bind. Every segment gets an ordinal when it enters the pool; segments the
// SMSC throttled come back and go out again before anything newer, in their original order, so a
// throttle never reorders what the pipeline handed over.

export interface Queued {
  ordinal: number;
}

export class SubmitQueue<T extends Queued> {
  private fresh: T[] = [];
  private head = 0;
  // Returned (throttled) segments, ascending ordinal. All are older than anything in `fresh`.
  private returned: T[] = [];

  get size(): number {
    return this.fresh.length - this.head + this.returned.length;
  }

  push(item: T): void {
    this.fresh.push(item);
  }

  /** Puts a segment back for another attempt, ahead of newer ones and in ordinal order. */
  putBack(item: T): void {
    let low = 0;
    let high = this.returned.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.returned[mid]!.ordinal < item.ordinal) low = mid + 1;
      else high = mid;
    }
    this.returned.splice(low, 0, item);
  }

  peek(): T | undefined {
    return this.returned[0] ?? this.fresh[this.head];
  }

  shift(): T | undefined {
    if (this.returned.length > 0) return this.returned.shift();
    if (this.head >= this.fresh.length) return undefined;
    const item = this.fresh[this.head]!;
    this.head++;
    // Compact once the consumed prefix dominates, keeping shift O(1) amortised.
    if (this.head > 1024 && this.head * 2 > this.fresh.length) {
      this.fresh = this.fresh.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes everything, oldest first. */
  drain(): T[] {
    const all = [...this.returned, ...this.fresh.slice(this.head)];
    this.returned = [];
    this.fresh = [];
    this.head = 0;
    return all;
  }
}
