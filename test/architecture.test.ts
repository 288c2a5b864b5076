import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const importsOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

describe('what may import what (developer_log/ARCHITECTURE_OVERVIEW.md)', () => {
  it.each(['src/parse', 'src/analyze'])('%s imports no SDK, fs, chalk, process, other layers, and reads no clock', (dir) => {
    for (const file of filesUnder(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const spec of importsOf(file)) {
        expect(spec, file).not.toMatch(/^(@aws-sdk|node:|fs|chalk|cli-table3|commander)/);
        expect(spec, file).not.toMatch(/\/(cli|sources|render)\//);
        if (dir === 'src/parse') expect(spec, file).not.toMatch(/analyze\//);
      }
      expect(text, file).not.toMatch(/\bprocess\.|new Date\(\)|Date\.now\(\)/);
    }
  });

  it('render imports only analyze types and its own helpers', () => {
    for (const file of filesUnder('src/render')) {
      for (const spec of importsOf(file)) expect(spec, file).not.toMatch(/\/(cli|sources|parse)\/|^node:|^@aws-sdk/);
    }
  });

  it('sources import neither analyze, render nor cli', () => {
    for (const file of filesUnder('src/sources')) {
      for (const spec of importsOf(file)) expect(spec, file).not.toMatch(/\/(analyze|render|cli)\//);
    }
  });

  it('nothing imports cli but cli, and only the CloudWatch path loads the SDK', () => {
    for (const file of [...filesUnder('src/parse'), ...filesUnder('src/analyze'), ...filesUnder('src/render'), ...filesUnder('src/sources')]) {
      for (const spec of importsOf(file)) expect(spec, file).not.toMatch(/\/cli\//);
    }
    const sdkUsers = filesUnder('src').filter((f) => importsOf(f).some((s) => s.startsWith('@aws-sdk')));
    for (const f of sdkUsers) expect(f).toMatch(/src\/sources\/cloudwatch\/|src\/cli\/gather-cloudwatch\.ts/);
    expect(readFileSync('src/cli/main.ts', 'utf8')).not.toMatch(/^import .*gather-cloudwatch/m);
  });
});
