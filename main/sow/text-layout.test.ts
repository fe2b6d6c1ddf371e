import { describe, expect, it } from 'vitest';
import { cleanText, wrapText } from './text-layout';

/** Every character 1 wide, Han characters 2 wide: easy widths to reason about. */
const cw = (cp: number) => (cp >= 0x2e80 ? 2 : 1);

describe('text layout: line breaking for mixed Chinese/English', () => {
  it('breaks Latin text at spaces, never inside a word', () => {
    expect(wrapText('the quick brown fox jumps', 10, cw)).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('breaks Han text between any two characters', () => {
    expect(wrapText('数据库迁移实施服务', 8, cw)).toEqual(['数据库迁', '移实施服', '务']);
  });

  it('kinsoku: closing punctuation never starts a line, opening punctuation never ends one', () => {
    const lines = wrapText('数据库迁，移实施服务', 8, cw);
    expect(lines.every((l) => !l.startsWith('，'))).toBe(true);
    expect(lines[0]).toBe('数据库');
    const open = wrapText('数据库（迁移）', 8, cw);
    expect(open.every((l) => !l.endsWith('（'))).toBe(true);
  });

  it('switches between scripts without a space: Han then an English word', () => {
    expect(wrapText('完成迁移Deployed the toolkit', 12, cw)).toEqual(['完成迁移', 'Deployed the', 'toolkit']);
  });

  it('a word longer than a line is broken by character', () => {
    expect(wrapText('0123456789abcdef', 6, cw)).toEqual(['012345', '6789ab', 'cdef']);
  });

  it('keeps paragraphs and empty lines; drops control characters; tabs become spaces', () => {
    expect(wrapText('one\n\ntwo', 20, cw)).toEqual(['one', '', 'two']);
    expect(wrapText('a\r\nb', 20, cw)).toEqual(['a', 'b']);
    expect(cleanText('a\tb\u0007c')).toBe('a    bc');
    expect(wrapText('', 20, cw)).toEqual(['']);
  });

  it('no line is wider than the limit (mixed text, many widths)', () => {
    const text =
      '迁移过程中对每个业务库执行了全量校验与抽样比对。The verification covered row counts, checksums and sampled records.';
    for (let width = 6; width < 60; width++) {
      const lines = wrapText(text, width, cw);
      for (const line of lines)
        expect([...line].reduce((w, ch) => w + cw(ch.codePointAt(0) ?? 0), 0)).toBeLessThanOrEqual(width);
      // Nothing is lost but the spaces at the breaks.
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    }
  });
});
