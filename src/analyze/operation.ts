import { MANY_TOOLS, NO_TOOL } from './invocation-store.js';

const SINGLE_TOOL_OPERATIONS: Readonly<Record<string, string>> = {
  search_web: 'web-search',
  extract_webpage_content: 'web-scraping',
};

/** Operation type from the distinct tools an invocation called: none, one (named), or several. */
export function operationOf(tool: number, toolNames: readonly string[]): string {
  if (tool === NO_TOOL) return 'simple-chat';
  if (tool === MANY_TOOLS) return 'multi-tool';
  const name = toolNames[tool] ?? 'unknown-tool';
  return SINGLE_TOOL_OPERATIONS[name] ?? name;
}

const FIXED_ORDER = ['simple-chat', 'web-search', 'web-scraping', 'multi-tool'];

/** The order operations are listed in: the proxy's four known kinds, then other tools by name. */
export function compareOperations(a: string, b: string): number {
  const ia = FIXED_ORDER.indexOf(a);
  const ib = FIXED_ORDER.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}
