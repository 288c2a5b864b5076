import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { LogEvent } from '../../src/parse/log-event.js';

/** Credentials and region for moto, set in the environment the SDK reads. */
export const MOTO_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAMOTOTESTKEY00001',
  AWS_SECRET_ACCESS_KEY: 'motoSecretKeyThatMustNeverBePrinted000001',
  AWS_REGION: 'us-east-1',
} as const;

export function useMotoEnv(): void {
  Object.assign(process.env, MOTO_ENV);
  delete process.env['AWS_PROFILE'];
}

export const motoClient = (url: string): CloudWatchLogsClient =>
  new CloudWatchLogsClient({ endpoint: url, region: MOTO_ENV.AWS_REGION, credentials: { accessKeyId: MOTO_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: MOTO_ENV.AWS_SECRET_ACCESS_KEY } });

const MAX_BATCH_EVENTS = 10_000;
const MAX_BATCH_BYTES = 900_000;

/**
 * Creates `logGroup` and puts `events` with PutLogEvents, per stream in time order and in batches within the API's
 * limits. Fails loudly if moto rejects any event (it drops events older than 14 days or 2 hours ahead).
 */
export async function putEvents(client: CloudWatchLogsClient, logGroup: string, events: readonly LogEvent[]): Promise<void> {
  await client.send(new CreateLogGroupCommand({ logGroupName: logGroup }));
  const byStream = new Map<string, LogEvent[]>();
  for (const e of events) {
    const s = e.logStream ?? 'stream';
    let list = byStream.get(s);
    if (list === undefined) byStream.set(s, (list = []));
    list.push(e);
  }
  for (const [stream, list] of byStream) {
    await client.send(new CreateLogStreamCommand({ logGroupName: logGroup, logStreamName: stream }));
    list.sort((a, b) => a.timestamp! - b.timestamp!);
    let batch: { timestamp: number; message: string }[] = [];
    let bytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const r = await client.send(new PutLogEventsCommand({ logGroupName: logGroup, logStreamName: stream, logEvents: batch }));
      if (r.rejectedLogEventsInfo !== undefined && Object.keys(r.rejectedLogEventsInfo).length > 0) {
        throw new Error(`moto rejected events of ${stream}: ${JSON.stringify(r.rejectedLogEventsInfo)}`);
      }
      batch = [];
      bytes = 0;
    };
    for (const e of list) {
      const size = Buffer.byteLength(e.message) + 26;
      if (batch.length >= MAX_BATCH_EVENTS || bytes + size > MAX_BATCH_BYTES) await flush();
      batch.push({ timestamp: e.timestamp!, message: e.message });
      bytes += size;
    }
    await flush();
  }
}
