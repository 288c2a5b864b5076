// NaN stands for "none seen" in the typed-array columns and running peaks.

/** The larger of two values where NaN means "none seen". */
export const maxOfKnown = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));

export const nullIfNaN = (x: number): number | null => (Number.isNaN(x) ? null : x);
