/**
 * Per-IP limit on failed logins (security target 12): an attacker cannot try passwords across
 * many accounts from one address, nor lock out a whole street office. Sliding 15-minute window,
 * in process memory (one instance per deployment; behind a load balancer each instance limits
 * its own share, which is documented in docs/deployment.md).
 */
const WINDOW_MS = 15 * 60_000;

export function createLoginLimiter(limit: number, now: () => number) {
  const failures = new Map<string, number[]>();
  function recent(ip: string): number[] {
    const t = now();
    const list = (failures.get(ip) ?? []).filter((x) => t - x < WINDOW_MS);
    if (list.length) failures.set(ip, list);
    else failures.delete(ip);
    return list;
  }
  return {
    isBlocked(ip: string): boolean {
      return recent(ip).length >= limit;
    },
    fail(ip: string): void {
      const list = recent(ip);
      list.push(now());
      failures.set(ip, list);
    },
    reset(ip: string): void {
      failures.delete(ip);
    },
  };
}
