import { describe, expect, it } from 'vitest';
import { formatRelative } from './relative-time';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const MIN = 60_000;

describe('formatRelative', () => {
  it('says the time since in words, in English and Chinese', () => {
    expect(formatRelative(NOW - 20_000, NOW, 'en', 'just now')).toBe('just now');
    expect(formatRelative(NOW + 5_000, NOW, 'en', 'just now')).toBe('just now');
    expect(formatRelative(NOW - 2 * MIN - 5_000, NOW, 'en', 'just now')).toBe('2 minutes ago');
    expect(formatRelative(NOW - 61 * MIN, NOW, 'en', 'just now')).toBe('1 hour ago');
    expect(formatRelative(NOW - 2 * MIN, NOW, 'zh-CN', '刚刚')).toBe('2分钟前');
    expect(formatRelative(NOW - 3 * 60 * MIN, NOW, 'zh-CN', '刚刚')).toBe('3小时前');
  });

  it('shows the date and time once it is a day old', () => {
    expect(formatRelative(NOW - 25 * 60 * MIN, NOW, 'en', 'just now', 'UTC')).toBe('2026-01-14 11:00');
  });
});
