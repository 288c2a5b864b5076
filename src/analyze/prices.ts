export type Architecture = 'x86_64' | 'arm64';

export interface PriceTier {
  /** Monthly GB-seconds this tier covers, counted from the tier before; Infinity for the last. */
  readonly gbSeconds: number;
  readonly usdPerGbSecond: number;
}

export interface LambdaPrices {
  readonly region: string;
  readonly asOf: string;
  readonly source: string;
  readonly usdPerMillionRequests: number;
  readonly tiers: Readonly<Record<Architecture, readonly PriceTier[]>>;
}

/** AWS Lambda on-demand prices, us-east-1, per account, architecture and month. */
export const LAMBDA_PRICES_US_EAST_1: LambdaPrices = {
  region: 'us-east-1',
  asOf: '2025-10-11',
  source: 'https://aws.amazon.com/lambda/pricing/',
  usdPerMillionRequests: 0.2,
  tiers: {
    x86_64: [
      { gbSeconds: 6e9, usdPerGbSecond: 0.0000166667 },
      { gbSeconds: 9e9, usdPerGbSecond: 0.000015 },
      { gbSeconds: Infinity, usdPerGbSecond: 0.0000133334 },
    ],
    arm64: [
      { gbSeconds: 7.5e9, usdPerGbSecond: 0.0000133334 },
      { gbSeconds: 11.25e9, usdPerGbSecond: 0.0000120001 },
      { gbSeconds: Infinity, usdPerGbSecond: 0.0000106667 },
    ],
  },
};

/** CloudWatch Logs Insights: USD per GB of log data scanned (GB = 10^9 bytes, as AWS bills it). */
export const INSIGHTS_USD_PER_GB_SCANNED = { usd: 0.005, bytesPerGb: 1e9, asOf: '2025-10-11', source: 'https://aws.amazon.com/cloudwatch/pricing/' } as const;
