/**
 * Every event llmmem turns into a record contains one of these strings; an event with none is noise. The
 * parser's first check and the sources' byte-level prefilter both use this list, so they cannot disagree.
 */
export const RECORD_MARKERS = ['REPORT RequestId:', 'Memory Statistics:', 'MB RSS', 'Task timed out', 'signal: killed', 'platform.report'] as const;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const RECORD_MARKER_PATTERN = new RegExp(RECORD_MARKERS.map(escape).join('|'));
