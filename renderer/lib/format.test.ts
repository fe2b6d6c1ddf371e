import { describe, expect, it } from 'vitest';
import { daysWaiting, formatAmount, formatBytes, formatDate, formatDateTime, isLongUnaccepted } from './format';
import { DAY_MS } from '../../common/domain/time';

const placed = Date.UTC(2025, 3, 1, 4, 0, 0); // 2025-04-01 12:00 at UTC+8

describe('display formatting', () => {
  it('O4: instants are shown in the viewer time zone', () => {
    expect(formatDateTime(placed, 'en', 'Asia/Shanghai')).toBe('2025-04-01 12:00');
    expect(formatDateTime(placed, 'zh-CN', 'America/New_York')).toBe('2025-04-01 00:00');
    expect(formatDate(Date.UTC(2025, 2, 25, 16, 0), 'en', 'Asia/Shanghai')).toBe('2025-03-26');
    expect(formatDate(Date.UTC(2025, 2, 25, 16, 0), 'en', 'UTC')).toBe('2025-03-25');
  });

  it('O3: money with its currency and exactly two decimals, from minor units', () => {
    expect(formatAmount(120000, 'CNY', 'en')).toBe('CNY 1,200.00');
    expect(formatAmount(5, 'USD', 'zh-CN')).toBe('USD 0.05');
    expect(formatAmount(-30000, 'CNY', 'en')).toBe('CNY -300.00');
  });

  it('attachment sizes', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024, 'en')).toBe('20.0 MB');
  });

  it('S5: days waiting counts whole days in the current open stage only', () => {
    const now = placed + 7 * DAY_MS + 3_600_000;
    expect(daysWaiting({ stage: 'awaiting_acceptance', stageSince: placed }, now)).toBe(7);
    expect(daysWaiting({ stage: 'completed', stageSince: placed }, now)).toBeNull();
    expect(daysWaiting({ stage: null, stageSince: null }, now)).toBeNull(); // S6: not supervised
    expect(daysWaiting({ stage: 'request_pending', stageSince: null }, now)).toBeNull();
  });

  it('S5: an open order not accepted 180 days after placement is flagged', () => {
    expect(isLongUnaccepted({ stage: 'awaiting_acceptance', placedAt: placed }, placed + 180 * DAY_MS)).toBe(true);
    expect(isLongUnaccepted({ stage: 'awaiting_acceptance', placedAt: placed }, placed + 179 * DAY_MS)).toBe(false);
    expect(isLongUnaccepted({ stage: 'completed', placedAt: placed }, placed + 400 * DAY_MS)).toBe(false);
  });
});
