import type { ResultDocument } from '../analyze/document.js';

/** The document as `--json` prints it. */
export const renderJson = (doc: ResultDocument): string => `${JSON.stringify(doc, null, 2)}\n`;
