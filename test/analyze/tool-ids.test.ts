import { describe, expect, it } from 'vitest';
import { InvocationStore } from '../../src/analyze/invocation-store.js';

const bytesOf = (text: string) => Buffer.from(`..${text}..`, 'latin1');

describe('tool numbers', () => {
  it('are the same whether a tool is named by a string or by its bytes, and never match a name that is not ASCII', () => {
    const store = new InvocationStore();
    store.addTool('r1', 'š'); // U+0161: its low byte is 'a'
    store.addTool('r2', 'search_web');
    const a = bytesOf('a');
    expect(store.toolIdOfBytes(a, 2, 3)).toBe(2); // a new tool, not the one named 'š'
    expect(store.toolIdOfBytes(bytesOf('search_web'), 2, 12)).toBe(1);
    expect(store.toolIdOfBytes(bytesOf('search_we'), 2, 11)).toBe(3);
    store.addTool('r3', 'a');
    expect(store.toolNames).toEqual(['š', 'search_web', 'a', 'search_we']);
    const row = { flags: 0, timestamp: 0, maxMemoryUsedMB: 0, memorySizeMB: 0, billedMs: 0, durationMs: 0, tool: 0, peakRssMB: 0, peakHeapMB: 0, stream: 0 };
    expect(store.read(store.row('r3'), row).tool).toBe(2);
  });
});
