import { describe, expect, it } from 'vitest';
import { resolveTheme } from './theme';
import { chartPaletteFrom, LIGHT_CHART_PALETTE } from './bill-chart';

describe('theme', () => {
  it("'system' follows the OS; 'light' and 'dark' override it", () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it("the Bills chart takes its colours from the theme's tokens, light ones where a token is missing", () => {
    const tokens: Record<string, string> = {
      '--chart-title': ' #c2cad6',
      '--chart-axis': '#8d97a7',
      '--surface': '#171d26',
    };
    const palette = chartPaletteFrom({ getPropertyValue: (n: string) => tokens[n] ?? '' });
    expect(palette).toEqual({ ...LIGHT_CHART_PALETTE, title: '#c2cad6', axis: '#8d97a7', surface: '#171d26' });
  });
});
