import { splitAppLine, type AppLine } from './app-line.js';
import { parseFailureLine } from './failures.js';
import { RECORD_MARKER_PATTERN } from './markers.js';
import { parseJsonMessage, readJsonAppLine, readPlatformReport } from './json-log.js';
import type { ParsedRecord } from './records.js';
import { parseReportLine } from './report-line.js';
import { isStatisticsBlock, parseStatisticsBlock, parseToolLine } from './tracker.js';

// One scan rejects the bulk of a log (START, END, ordinary application lines) before any real parsing.
const WORTH_PARSING = RECORD_MARKER_PATTERN;

/** Turns one event's message into what it says about an invocation, or undefined for noise. */
export function parseMessage(message: string): ParsedRecord | undefined {
  if (message.startsWith('REPORT RequestId:')) return parseReportLine(message);
  if (!WORTH_PARSING.test(message)) return undefined;
  if (message.charCodeAt(0) === 0x7b /* { */) return parseJsonEvent(message);
  if (message.includes('Task timed out') || message.includes('signal: killed')) {
    const failure = parseFailureLine(message);
    if (failure !== undefined) return failure;
  }
  const app = splitAppLine(message);
  return app === undefined ? undefined : parseTrackerBody(app);
}

function parseJsonEvent(message: string): ParsedRecord | undefined {
  const doc = parseJsonMessage(message);
  if (doc === undefined) {
    return message.includes('"platform.report"')
      ? { kind: 'malformed', reason: 'platform.report that is not valid JSON', excerpt: message.slice(0, 160) }
      : undefined;
  }
  if (doc['type'] === 'platform.report') return readPlatformReport(doc, message);
  const app = readJsonAppLine(doc);
  if (app === undefined) return undefined;
  if (app.body.includes('Task timed out after')) return { kind: 'timeout', requestId: app.requestId };
  if (app.body.includes('Runtime exited with error: signal: killed')) return { kind: 'killed', requestId: app.requestId };
  return parseTrackerBody(app);
}

function parseTrackerBody(app: AppLine): ParsedRecord | undefined {
  if (isStatisticsBlock(app.body)) return parseStatisticsBlock(app.requestId, app.body);
  return parseToolLine(app.requestId, app.body);
}
