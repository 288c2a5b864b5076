import { LlmmemError } from '../errors.js';
import type { Gathered } from './gather.js';
import type { Io } from './io.js';
import type { RunOptions, Target } from './options.js';

export async function gatherCloudWatch(_target: Extract<Target, { kind: 'cloudwatch' }>, _options: RunOptions, _io: Io): Promise<Gathered> {
  throw new LlmmemError('the CloudWatch path is not built yet');
}
