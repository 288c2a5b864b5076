/** One carriage-return progress line for stderr on a TTY. */
export function progressLine(logGroup: string, p: { slicesDone?: number; slicesTotal?: number; events: number; bytesScanned?: number }): string {
  const parts = [logGroup];
  if (p.slicesTotal !== undefined) parts.push(`slices ${p.slicesDone ?? 0}/${p.slicesTotal}`);
  parts.push(`events ${p.events}`);
  if (p.bytesScanned !== undefined && p.bytesScanned > 0) parts.push(`scanned ${(p.bytesScanned / 1e9).toFixed(3)} GB`);
  return `\r\u001b[K${parts.join(' · ')}`;
}
