/** One CloudWatch Logs event as every source delivers it: the raw message and, when known, its time. */
export interface LogEvent {
  readonly message: string;
  /** Epoch milliseconds of the event (CloudWatch's `timestamp`); undefined when the container has none. */
  readonly timestamp?: number | undefined;
  readonly logStream?: string | undefined;
}
