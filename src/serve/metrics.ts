// Counters for /metrics: requests by route, completions scored, rewards per second (over the last minute and since
// the first score), timeouts, errors (reward crashes and bad requests), statuses, and the process's memory.
import type { RewardResult } from '../tasks/types.ts';

const WINDOW_MS = 60_000;
const ERROR_STATUSES = new Set(['crash', 'reward-error', 'no-skill']);

export class Metrics {
  readonly started = Date.now();
  requests: Record<string, number> = {};
  /** 4xx answers by status code. */
  rejected: Record<string, number> = {};
  scored = 0;
  rewardSum = 0;
  timeouts = 0;
  errors = 0;
  statuses: Record<string, number> = {};
  private firstScoreAt = 0;
  /** Completion timestamps in the last window (a ring would be leaner; a minute of scores is small). */
  private recent: number[] = [];

  request(route: string): void {
    this.requests[route] = (this.requests[route] ?? 0) + 1;
  }

  reject(code: number): void {
    this.rejected[code] = (this.rejected[code] ?? 0) + 1;
  }

  score(r: RewardResult): void {
    const now = Date.now();
    if (this.scored === 0) this.firstScoreAt = now;
    this.scored++;
    this.rewardSum += r.reward;
    this.statuses[r.status] = (this.statuses[r.status] ?? 0) + 1;
    if (r.status === 'timeout') this.timeouts++;
    if (ERROR_STATUSES.has(r.status)) this.errors++;
    this.recent.push(now);
    if (this.recent.length > 4096 && now - this.recent[0] > WINDOW_MS)
      this.recent = this.recent.filter((t) => now - t <= WINDOW_MS);
  }

  snapshot(extra: Record<string, unknown>): Record<string, unknown> {
    const now = Date.now();
    const inWindow = this.recent.filter((t) => now - t <= WINDOW_MS).length;
    const windowS = Math.min(WINDOW_MS, now - this.firstScoreAt) / 1000;
    const mem = process.memoryUsage();
    return {
      uptime_s: Math.round((now - this.started) / 1000),
      requests: this.requests,
      rejected: this.rejected,
      rewards_total: this.scored,
      reward_mean: this.scored ? this.rewardSum / this.scored : 0,
      rewards_per_second_1m: this.scored && windowS > 0 ? inWindow / windowS : 0,
      rewards_per_second: this.scored && now > this.firstScoreAt ? this.scored / ((now - this.firstScoreAt) / 1000) : 0,
      timeouts: this.timeouts,
      errors: this.errors + Object.values(this.rejected).reduce((a, b) => a + b, 0),
      statuses: this.statuses,
      memory: { rss_mb: Math.round(mem.rss / 2 ** 20), heap_used_mb: Math.round(mem.heapUsed / 2 ** 20) },
      ...extra,
    };
  }
}
