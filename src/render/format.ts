// Made on first use: building an Intl formatter costs ~25 ms of start-up that --json never needs.
let integer: Intl.NumberFormat | undefined;

export const fmtInt = (n: number): string => (integer ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(n);
export const fmtMB = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : `${n}`);
export const fmtUSD = (n: number | null): string => (n === null ? 'n/a' : `$${n.toFixed(n !== 0 && Math.abs(n) < 1 ? 4 : 2)}`);
export const fmtPercent = (n: number | null): string => (n === null ? 'n/a' : `${n.toFixed(1)}%`);
export const fmtMaybe = (n: number | null): string => (n === null ? '–' : `${n}`);

/** Text that came from logs or flags, with its control characters shown as `\xNN` so that none reaches the terminal. */
// eslint-disable-next-line no-control-regex
export const printable = (s: string): string => s.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
