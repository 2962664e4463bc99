// The window: requests written to the socket whose responses have not come back, by sequence
// number. The smpp package keeps no such limit; the SMSC grants one (often 10-100) and drops or
// throttles binds that exceed it.

export interface Outstanding {
  /** When the response is due (ms on the pool's clock). */
  deadline: number;
}

export class Window<T extends Outstanding> {
  // Map keeps insertion order, i.e. send order, and every entry gets the same timeout, so
  // deadlines ascend and the expiry scan can stop at the first entry still in time.
  private readonly entries = new Map<number, T>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`window must be a positive integer: ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get hasRoom(): boolean {
    return this.entries.size < this.capacity;
  }

  add(sequenceNumber: number, entry: T): void {
    if (!this.hasRoom) throw new RangeError("window is full");
    if (this.entries.has(sequenceNumber)) throw new RangeError(`sequence number ${sequenceNumber} already outstanding`);
    this.entries.set(sequenceNumber, entry);
  }

  /** Removes and returns the request a response answers; undefined for late or unknown responses. */
  take(sequenceNumber: number): T | undefined {
    const entry = this.entries.get(sequenceNumber);
    if (entry !== undefined) this.entries.delete(sequenceNumber);
    return entry;
  }

  /** Removes and returns the requests whose deadline has passed, in send order. */
  takeExpired(now: number): T[] {
    const expired: T[] = [];
    for (const [sequenceNumber, entry] of this.entries) {
      if (entry.deadline > now) break;
      this.entries.delete(sequenceNumber);
      expired.push(entry);
    }
    return expired;
  }

  /** Empties the window (the link died), returning what was outstanding in send order. */
  drain(): T[] {
    const all = [...this.entries.values()];
    this.entries.clear();
    return all;
  }
}
