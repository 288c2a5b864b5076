import type { Architecture, LambdaPrices } from './prices.js';

export const MB_PER_GB = 1024;
const MS_PER_DAY = 86_400_000;
export const DAYS_PER_MONTH = 30;

/** GB-seconds of `megabyteMilliseconds` (MB × ms), with GB = 1024 MB. */
export const gbSeconds = (megabyteMilliseconds: number): number => megabyteMilliseconds / (MB_PER_GB * 1000);

/** Factor that turns window totals into a month: 30 / (window length in days). */
export const monthlyFactor = (windowMs: number): number => (DAYS_PER_MONTH * MS_PER_DAY) / windowMs;

/** Monthly compute charge for `monthlyGbSeconds`, walking AWS's volume tiers. */
export function tieredComputeUSD(monthlyGbSeconds: number, prices: LambdaPrices, arch: Architecture): number {
  let remaining = monthlyGbSeconds;
  let usd = 0;
  for (const tier of prices.tiers[arch]) {
    const inTier = Math.min(remaining, tier.gbSeconds);
    usd += inTier * tier.usdPerGbSecond;
    remaining -= inTier;
    if (remaining <= 0) break;
  }
  return usd;
}

/** Monthly cost of a month's GB-seconds and requests. */
export function monthlyUSD(monthlyGbSeconds: number, monthlyRequests: number, prices: LambdaPrices, arch: Architecture): number {
  return tieredComputeUSD(monthlyGbSeconds, prices, arch) + (monthlyRequests / 1e6) * prices.usdPerMillionRequests;
}
