// The SMPP pool of this process, for the back office's live view. The sending gateway registers
// the pool it creates; a process that sends nothing has none.
import type { SmppPoolStatus } from "./pool/types";

interface StatusSource {
  status(): SmppPoolStatus;
}

const holder = globalThis as unknown as { qxtSmppPool?: StatusSource };

export function registerProcessPool(pool: StatusSource | undefined): void {
  holder.qxtSmppPool = pool;
}

export function processPoolStatus(): SmppPoolStatus | null {
  return holder.qxtSmppPool?.status() ?? null;
}
