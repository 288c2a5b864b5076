import { describe, expect, it } from 'vitest';
import { detectContainer } from '../../src/sources/file/detect-container.js';

describe('detectContainer', () => {
  it.each([
    ['{\n    "events": [', 'filter-log-events-json'],
    ['{"searchedLogStreams":[],"events":[]}', 'filter-log-events-json'],
    ['\ufeff  [ {"message": "x"} ]', 'filter-log-events-json'],
    ['{"timestamp": 1, "message": "x"}\n', 'ndjson'],
    ['{"time":"2025-10-11T19:07:00.000Z","type":"platform.start","record":{}}\n', 'ndjson'],
    ['2025-10-11T19:07:00.123000+00:00 stream START RequestId: x', 'text'],
    ['REPORT RequestId: x\tDuration: 1 ms', 'text'],
  ])('%j is %s', (head, container) => {
    expect(detectContainer(Buffer.from(head))).toBe(container);
  });
});

describe('detectContainer on lines that only look like JSON', () => {
  it('takes a Python runtime line for text', () => {
    expect(detectContainer(Buffer.from('[INFO]\t2025-10-11T10:00:00.100Z\tid\tmsg'))).toBe('text');
  });
});
