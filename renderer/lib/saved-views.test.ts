import { describe, expect, it } from 'vitest';
import { savedView } from '../../common/api/contract';
import { addView, criteriaOf, deleteView, filterOf, renameView } from './saved-views';
import { EMPTY_CRITERIA } from './order-criteria';

const criteria = {
  ...EMPTY_CRITERIA,
  customerName: ' 杭州 ',
  stage: ['request_pending' as const],
  quick: 'needs_action' as const,
};
const sort = { field: 'amount' as const, dir: 'desc' as const };
const columns = { widths: { product: 300 }, hidden: ['waiting'] };

describe('saved views', () => {
  it('a view keeps the filter (empty fields dropped), the sort and the columns, and passes the contract', () => {
    const r = addView([], '  Hangzhou  ', criteria, sort, columns);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.views).toEqual([
      {
        name: 'Hangzhou',
        filter: { customerName: '杭州', stage: ['request_pending'], quick: 'needs_action' },
        sort,
        columns,
      },
    ]);
    expect(savedView.safeParse(r.views[0]).success).toBe(true);
    // Applying it gives back the same criteria (trimmed).
    expect(criteriaOf(r.views[0].filter)).toEqual({ ...criteria, customerName: '杭州' });
    expect(filterOf(EMPTY_CRITERIA)).toEqual({});
  });

  it('refuses an empty or duplicate name (any case); renames and deletes by name', () => {
    const first = addView([], 'Mine', criteria, sort, columns);
    if (!first.ok) throw new Error('expected a view');
    expect(addView(first.views, 'mine', criteria, sort, columns)).toEqual({ ok: false, error: 'duplicate' });
    expect(addView(first.views, '  ', criteria, sort, columns)).toEqual({ ok: false, error: 'empty' });
    const second = addView(first.views, 'Urgent', EMPTY_CRITERIA, sort, columns);
    if (!second.ok) throw new Error('expected a view');
    expect(renameView(second.views, 'Urgent', 'MINE')).toEqual({ ok: false, error: 'duplicate' });
    const renamed = renameView(second.views, 'Urgent', 'Today');
    expect(renamed.ok && renamed.views.map((v) => v.name)).toEqual(['Mine', 'Today']);
    expect(deleteView(second.views, 'Mine').map((v) => v.name)).toEqual(['Urgent']);
  });
});
