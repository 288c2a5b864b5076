import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

export interface ClientSettings {
  readonly region: string | undefined;
  readonly profile: string | undefined;
  readonly endpointUrl: string | undefined;
  /** Milliseconds one HTTP request may take before the SDK gives up on it and retries (default 30 s). */
  readonly requestTimeoutMs?: number | undefined;
}

/**
 * The one place a CloudWatch Logs client is made. What is not given is left to the SDK's own chain, as the AWS
 * CLI does: AWS_REGION and the profile's region, AWS_PROFILE, SSO and credential_process profiles,
 * AWS_ENDPOINT_URL_CLOUDWATCH_LOGS and AWS_ENDPOINT_URL. The SDK retries throttling, 5xx answers, resets and timeouts itself, with back-off.
 */
export function createLogsClient(s: ClientSettings): CloudWatchLogsClient {
  return new CloudWatchLogsClient({
    ...(s.region === undefined ? {} : { region: s.region }),
    ...(s.profile === undefined ? {} : { profile: s.profile }),
    ...(s.endpointUrl === undefined ? {} : { endpoint: s.endpointUrl }),
    // The SDK's default of 3 attempts a request; Insights slices add their own 3 attempts on top, so a
    // throttled or failing service is given up on in bounded time.
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: s.requestTimeoutMs ?? 30_000 },
  });
}

/** The endpoint a person should look at when it cannot be reached. */
export function describeEndpoint(s: ClientSettings, env: Readonly<Record<string, string | undefined>>): string {
  return s.endpointUrl ?? env['AWS_ENDPOINT_URL_CLOUDWATCH_LOGS'] ?? env['AWS_ENDPOINT_URL'] ?? `https://logs.${s.region ?? env['AWS_REGION'] ?? '<region>'}.amazonaws.com`;
}
