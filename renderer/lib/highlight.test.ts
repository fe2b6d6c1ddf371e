import { describe, expect, it } from 'vitest';
import { highlightTerms, splitMatches } from './highlight';

describe('match highlighting', () => {
  it('free-text words apply to every searchable cell; a field chip only to its own', () => {
    expect(highlightTerms({ text: '迁移  ABC', customerName: '杭州' })).toEqual({
      orderNo: ['迁移', 'ABC'],
      customer: ['迁移', 'ABC', '杭州'],
      product: ['迁移', 'ABC'],
    });
    expect(highlightTerms({ orderNo: 'CS25' })).toEqual({ orderNo: ['CS25'], customer: [], product: [] });
  });

  it('marks every occurrence, case-insensitively, merging overlapping terms', () => {
    expect(splitMatches('数据迁移专业服务', ['迁移'])).toEqual([
      { text: '数据', match: false },
      { text: '迁移', match: true },
      { text: '专业服务', match: false },
    ]);
    expect(splitMatches('Contoso Ltd', ['contoso'])).toEqual([
      { text: 'Contoso', match: true },
      { text: ' Ltd', match: false },
    ]);
    expect(splitMatches('abcabc', ['bc', 'ca'])).toEqual([
      { text: 'a', match: false },
      { text: 'bcabc', match: true },
    ]);
  });

  it('leaves text without matches (or without terms) whole', () => {
    expect(splitMatches('Contoso', ['zz'])).toEqual([{ text: 'Contoso', match: false }]);
    expect(splitMatches('Contoso', [])).toEqual([{ text: 'Contoso', match: false }]);
    expect(splitMatches('', ['a'])).toEqual([{ text: '', match: false }]);
  });
});
