// English UI strings for the keyboard path of the Service Supervision search (few Tab stops from the search box to
// the list): the "Placed between" drop-down, the quick-filter toolbar, the ↓ shortcut to the list; en.ts spreads them
// in.
export const keyboardEn = {
  'placed.any': 'Any date',
  'placed.from': 'From {date}',
  'placed.to': 'Until {date}',
  'placed.range': '{from} – {to}',
  'placed.clear': 'Clear dates',
  'placed.done': 'Done',
  'quick.toolbar': 'Quick filters and sorting',
  'quick.toolbar.hint': '← and → move between the filters; Space or Enter turns one on or off.',
  'searchBox.toList': 'to the list',
  'searchBox.toList.hint': 'Press ↓ to move into the list.',
} as const satisfies Record<string, string>;
