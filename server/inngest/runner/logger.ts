// The logger handed to functions as `logger` and used by the runner: Inngest's Logger shape.

export interface JobLogger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

export function prefixedLogger(base: JobLogger, prefix: string): JobLogger {
  return {
    info: (...args) => base.info(prefix, ...args),
    warn: (...args) => base.warn(prefix, ...args),
    error: (...args) => base.error(prefix, ...args),
    debug: (...args) => base.debug(prefix, ...args),
  };
}

export const consoleLogger: JobLogger = {
  info: (...args) => console.info(...args),
  warn: (...args) => console.warn(...args),
  error: (...args) => console.error(...args),
  debug: (...args) => console.debug(...args),
};

/** For tests and quiet tools. */
export const silentLogger: JobLogger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
