// English UI strings for urgency on the Service Supervision list (S7): the urgency and customer columns, the zone
// labels of list times, "Most urgent first"; en.ts spreads them in.
export const urgencyEn = {
  'col.customer': 'Customer',
  'col.urgency': 'Urgency',
  'col.zoned': '{label} ({zone})',
  'urgency.sort': 'Most urgent first',
  'urgency.sort.hint':
    'Longest without a move first; at the same number of days, lines waiting on you before lines waiting on the customer. Lines frozen by an appeal, then finished and unsupervised lines, come last.',
  'urgency.on.seller': 'On you',
  'urgency.on.customer': 'On the customer',
  'urgency.on.marketplace': 'On the marketplace',
  'urgency.on.seller.hint':
    'You must act; nothing has moved for {n} day.|You must act; nothing has moved for {n} days.',
  'urgency.on.customer.hint':
    'The customer must act; nothing has moved for {n} day.|The customer must act; nothing has moved for {n} days.',
  'urgency.on.marketplace.hint':
    'Frozen by an open appeal until the marketplace decides; nothing has moved for {n} day.|Frozen by an open appeal until the marketplace decides; nothing has moved for {n} days.',
  'urgency.appealPossible': 'Appeal possible',
  'urgency.appealPossible.silence':
    'Nothing has moved for more than {days} days: either side may appeal to the marketplace.',
  'urgency.appealPossible.rejections': 'Rejected 3 times or more: an appeal to the marketplace is possible.',
  'urgency.refundRequest': 'Refund request',
  'urgency.refundRequest.hint': 'The customer asks to unsubscribe with a refund: agree or reject it.',
  'urgency.long': '180+ days',
} as const satisfies Record<string, string>;
