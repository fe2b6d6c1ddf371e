import { describe, expect, it } from 'vitest';
import {
  daysWaiting,
  formatAmount,
  formatBytes,
  formatDate,
  formatDateTime,
  isLongUnaccepted,
  zoneLabel,
} from './format';
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

  it('S7/O4: days waiting are UTC+8 calendar days (23:30 → 00:30 at UTC+8 is one day)', () => {
    const lateEvening = Date.UTC(2025, 3, 1, 15, 30); // 23:30 at UTC+8
    expect(daysWaiting({ stage: 'awaiting_delivery', stageSince: lateEvening }, lateEvening + 3_600_000)).toBe(1);
    expect(daysWaiting({ stage: 'awaiting_delivery', stageSince: placed }, placed + 11 * 3_600_000)).toBe(0);
  });

  it('O4: a time is labelled with its zone: "UTC+8", "UTC+1", "UTC−5", "UTC+5:30", "UTC"', () => {
    expect(zoneLabel(placed, 'Asia/Shanghai')).toBe('UTC+8');
    expect(zoneLabel(Date.UTC(2025, 0, 15), 'Europe/Berlin')).toBe('UTC+1');
    expect(zoneLabel(Date.UTC(2025, 6, 15), 'Europe/Berlin')).toBe('UTC+2'); // daylight saving
    expect(zoneLabel(Date.UTC(2025, 0, 15), 'America/New_York')).toBe('UTC−5');
    expect(zoneLabel(placed, 'Asia/Kolkata')).toBe('UTC+5:30');
    expect(zoneLabel(placed, 'UTC')).toBe('UTC');
  });

  it('S5: an open order not accepted 180 days after placement is flagged', () => {
    expect(isLongUnaccepted({ stage: 'awaiting_acceptance', placedAt: placed }, placed + 180 * DAY_MS)).toBe(true);
    expect(isLongUnaccepted({ stage: 'awaiting_acceptance', placedAt: placed }, placed + 179 * DAY_MS)).toBe(false);
    expect(isLongUnaccepted({ stage: 'completed', placedAt: placed }, placed + 400 * DAY_MS)).toBe(false);
  });
});
