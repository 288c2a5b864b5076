const KEY_ID = /\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g;
const SECRET_VARS = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECURITY_TOKEN'];

/** Removes access key ids and the environment's AWS secrets from text bound for a terminal or a log. */
export function redact(text: string, env: Readonly<Record<string, string | undefined>>): string {
  let out = text.replace(KEY_ID, '[redacted key id]');
  for (const name of SECRET_VARS) {
    const value = env[name];
    if (value !== undefined && value.length >= 8) out = out.split(value).join(`[redacted ${name}]`);
  }
  return out;
}
