import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const url = inject('motoUrl');
const home = mkdtempSync(join(tmpdir(), 'llmmem-home-'));
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY99';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0123456789';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
writeFileSync(join(home, 'credentials'), `[leaky]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`);
writeFileSync(join(home, 'config'), '[profile leaky]\nregion = us-east-1\n');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function llmmem(args: string[], env: Record<string, string>): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/llmmem.js', ...args], { env: { PATH: process.env['PATH'] ?? '', HOME: home, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), ...env } }, (err, stdout, stderr) =>
      resolve({ code: err === null ? 0 : Number((err as { code?: number }).code), stdout, stderr }),
    );
  });
}

describe('credentials', () => {
  it('without any credentials exits 4 naming the profile and region', async () => {
    const r = await llmmem(['analyze', '--function', 'llmproxy', '--endpoint-url', url, '--days', '1', '--region', 'eu-west-1'], { AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'), AWS_CONFIG_FILE: join(home, 'none') });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/no AWS credentials found \(profile \(default\), region eu-west-1\)/);
    expect(r.stdout).toBe('');
  });

  it('a profile that does not exist exits 4', async () => {
    const r = await llmmem(['analyze', '--function', 'llmproxy', '--endpoint-url', url, '--days', '1', '--profile', 'nosuch', '--region', 'us-east-1'], {});
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/profile nosuch/);
  });

  it('never prints a key, secret or session token, on any error path, even with --debug', async () => {
    const fromEnv = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, AWS_REGION: 'us-east-1' };
    const runs = await Promise.all([
      llmmem(['analyze', '--function', 'nope', '--endpoint-url', url, '--days', '1', '--debug'], fromEnv),
      llmmem(['analyze', '--function', 'llmproxy', '--endpoint-url', 'http://127.0.0.1:9', '--days', '1', '--debug'], fromEnv),
      llmmem(['analyze', '--endpoint-url', url, '--debug'], fromEnv),
      llmmem(['analyze', '--function', 'llmproxy', '--profile', 'leaky', '--endpoint-url', 'http://127.0.0.1:9', '--days', '1', '--debug'], {}),
      llmmem(['analyze', '--input', '/nonexistent', '--debug'], fromEnv),
    ]);
    for (const r of runs) {
      expect(r.code).not.toBe(0);
      for (const secret of [SECRET, TOKEN, KEY_ID]) {
        expect(r.stdout).not.toContain(secret);
        expect(r.stderr).not.toContain(secret);
      }
    }
  });
});
