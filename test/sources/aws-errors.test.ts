import { AccessDeniedException, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { mapAwsError } from '../../src/sources/cloudwatch/aws-errors.js';

const ctx = { region: 'eu-west-1', profile: 'prod', endpoint: 'https://logs.eu-west-1.amazonaws.com', logGroup: '/aws/lambda/fn' };
const named = (name: string, message = name, extra: object = {}) => Object.assign(new Error(message), { name, ...extra });

describe('mapAwsError', () => {
  it.each([
    ['no credentials', named('CredentialsProviderError', 'Could not load credentials from any providers'), ExitCode.auth, /no AWS credentials found \(profile prod, region eu-west-1\)/],
    ['an expired token', named('ExpiredTokenException', 'The security token included in the request is expired'), ExitCode.auth, /credentials have expired.*aws sso login --profile prod/],
    ['access denied', new AccessDeniedException({ message: 'not authorized to perform logs:StartQuery', $metadata: {} }), ExitCode.auth, /access denied.*logs:StartQuery, logs:GetQueryResults, logs:StopQuery, logs:FilterLogEvents, logs:DescribeLogGroups/],
    ['a bad key', named('UnrecognizedClientException'), ExitCode.auth, /rejected the credentials/],
    ['an unknown log group', new ResourceNotFoundException({ message: 'The specified log group does not exist.', $metadata: {} }), ExitCode.noData, /log group \/aws\/lambda\/fn does not exist in eu-west-1/],
    ['a refused connection', named('Error', 'connect ECONNREFUSED', { code: 'ECONNREFUSED' }), ExitCode.error, /cannot reach CloudWatch Logs at https:\/\/logs\.eu-west-1\.amazonaws\.com \(ECONNREFUSED\)/],
    ['no region', named('Error', 'Region is missing'), ExitCode.usage, /no AWS region is set/],
    ['anything else', named('ServiceUnavailableException', 'try later'), ExitCode.error, /CloudWatch Logs call failed: ServiceUnavailableException: try later/],
  ])('maps %s to exit %i with a message a person can act on', (_case, err, code, message) => {
    const mapped = mapAwsError(err, ctx);
    expect(mapped.exitCode).toBe(code);
    expect(`${mapped.message} (${mapped.hint ?? ''})`).toMatch(message);
    expect(mapped.cause).toBe(err);
  });
});
