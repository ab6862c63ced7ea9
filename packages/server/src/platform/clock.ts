import { todayInChina, type PlainDate } from '@yiyang/core';

/** Injectable clock, so session expiry, lockout and payroll months can be tested. */
export interface Clock {
  now(): Date;
  today(): PlainDate;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => todayInChina(),
};

export function fixedClock(start: Date): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    today: () => todayInChina(new Date(t)),
    advance(ms: number) {
      t += ms;
    },
    set(d: Date) {
      t = d.getTime();
    },
  };
}
