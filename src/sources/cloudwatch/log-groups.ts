import { paginateDescribeLogGroups, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

/** Names of the log groups under `prefix` (DescribeLogGroups, every page). */
export async function listLogGroups(client: CloudWatchLogsClient, prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateDescribeLogGroups({ client }, { logGroupNamePrefix: prefix })) {
    for (const g of page.logGroups ?? []) if (g.logGroupName !== undefined) names.push(g.logGroupName);
  }
  return names;
}
