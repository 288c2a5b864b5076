import { ExitCode, LlmmemError } from '../../errors.js';

/** Where a request went, for messages a person can act on. */
export interface AwsContext {
  readonly region: string | undefined;
  readonly profile: string | undefined;
  readonly endpoint: string;
  readonly logGroup?: string | undefined;
}

export const REQUIRED_IAM_ACTIONS = ['logs:StartQuery', 'logs:GetQueryResults', 'logs:StopQuery', 'logs:FilterLogEvents', 'logs:DescribeLogGroups'];

const errorName = (err: unknown): string => (err as { name?: string } | undefined)?.name ?? '';
const errorCode = (err: unknown): string => (err as { code?: string } | undefined)?.code ?? '';
const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const isThrottling = (err: unknown): boolean =>
  ['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded'].includes(errorName(err));
export const isLimitExceeded = (err: unknown): boolean => errorName(err) === 'LimitExceededException';
/** Server-side or transport trouble that a later attempt may not meet: 5xx, throttling, timeouts, resets. */
export function isTransient(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  if (isThrottling(err) || isLimitExceeded(err)) return true;
  if (['ServiceUnavailableException', 'InternalFailure', 'InternalServerError', 'TimeoutError', 'RequestTimeout'].includes(errorName(err))) return true;
  // A refused connection is not here: nothing listens at the endpoint, and the run should say so at once.
  return ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(errorCode(err)) || /socket hang up/i.test(errorMessage(err));
}

export const isNotFound = (err: unknown): boolean => errorName(err) === 'ResourceNotFoundException';
export const isAbort = (err: unknown): boolean => errorName(err) === 'AbortError' || (err instanceof LlmmemError && err.exitCode === ExitCode.interrupted);

const who = (c: AwsContext): string => `profile ${c.profile ?? '(default)'}, region ${c.region ?? '(unset)'}`;

/** Turns an SDK or network error into one LlmmemError with an exit code and a hint; wraps it as the cause. */
export function mapAwsError(err: unknown, c: AwsContext): LlmmemError {
  if (err instanceof LlmmemError) return err;
  const name = errorName(err);
  const message = errorMessage(err);
  const code = errorCode(err);
  const wrap = (text: string, exitCode: LlmmemError['exitCode'], hint?: string): LlmmemError =>
    new LlmmemError(text, { exitCode, cause: err, ...(hint === undefined ? {} : { hint }) });

  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return wrap(`no AWS credentials found (${who(c)})`, ExitCode.auth, 'run `aws configure` or `aws sso login`, or pass --profile');
  }
  if (/Region is missing/i.test(message)) {
    return wrap('no AWS region is set', ExitCode.usage, 'pass --region, set AWS_REGION, or give the profile a region');
  }
  if (['ExpiredTokenException', 'ExpiredToken', 'TokenRefreshRequired'].includes(name) || /token.*expired|expired.*token/i.test(message)) {
    return wrap(`the AWS credentials have expired (${who(c)})`, ExitCode.auth, `refresh them, e.g. aws sso login${c.profile === undefined ? '' : ` --profile ${c.profile}`}`);
  }
  if (['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation'].includes(name)) {
    return wrap(`access denied by AWS (${who(c)}): ${firstLine(message)}`, ExitCode.auth, `llmmem needs ${REQUIRED_IAM_ACTIONS.join(', ')}`);
  }
  if (['UnrecognizedClientException', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'InvalidClientTokenId'].includes(name)) {
    return wrap(`AWS rejected the credentials (${who(c)}): ${name}`, ExitCode.auth, 'check the access key and secret of the profile');
  }
  if (isNotFound(err)) {
    return wrap(`log group ${c.logGroup ?? '(unknown)'} does not exist in ${c.region ?? 'this region'}`, ExitCode.noData);
  }
  if (isThrottling(err)) {
    return wrap('CloudWatch Logs kept throttling the requests after retries', ExitCode.error, 'lower --concurrency, or try again later');
  }
  if (isLimitExceeded(err)) {
    return wrap('too many Logs Insights queries are running in this account (LimitExceededException) after retries', ExitCode.error, 'wait for other queries or dashboards, or lower --concurrency');
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT'].includes(code) || name === 'TimeoutError') {
    return wrap(`cannot reach CloudWatch Logs at ${c.endpoint} (${code || name})`, ExitCode.error, 'check --endpoint-url / --region and the network');
  }
  return wrap(`CloudWatch Logs call failed: ${name || 'Error'}: ${firstLine(message)}`, ExitCode.error);
}

const firstLine = (s: string): string => s.split('\n')[0]!.slice(0, 300);
