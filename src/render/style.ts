import { Chalk } from 'chalk';

/** Colour functions; all identity when colour is off. */
export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly warn: (s: string) => string;
  readonly good: (s: string) => string;
  readonly bad: (s: string) => string;
  readonly accent: (s: string) => string;
}

export function makeStyle(color: boolean): Style {
  const c = new Chalk({ level: color ? 1 : 0 });
  return { bold: c.bold, dim: c.dim, warn: c.yellow, good: c.green, bad: c.red, accent: c.cyan };
}
