// English strings of re-delivery (a draft pre-filled from a returned or an earlier delivery, with the customer's
// return reason and what changed since) and of an attachment's category after upload; spread into en.ts.
export const redeliveryEn = {
  'redelivery.returnedTitle': 'The customer returned the last delivery',
  'redelivery.returnedAt': 'Returned {at}',
  'redelivery.returnCount': 'Returned {n} time|Returned {n} times',
  'redelivery.reasonLabel': 'Reason given by the customer',
  'redelivery.noReason': 'The customer gave no reason.',
  'redelivery.filledSame':
    'This draft starts from the delivery of {at}: its items, enabling time and files are filled in. What you change is marked "Changed since last delivery".',
  'redelivery.filledOther':
    'This draft starts from the delivery of order {orderId} ({at}): its items, enabling time and files are filled in. What you change is marked.',
  'redelivery.unknownDate': 'an unknown date',
  'redelivery.changed': 'Changed since last delivery',
  'redelivery.changedFromEarlier': 'Changed from that delivery',
  'redelivery.alsoChanged': 'Also changed: {what}.',
  'redelivery.enablingTime': 'the enabling time',
  'redelivery.otherFiles': 'the other attachments',
  'redelivery.notCarried': 'Not carried over:',
  'redelivery.why.not_in_template': '{name}, which this template version does not have',
  'redelivery.why.invalid_value': '{name}, whose value does not fit the item',
  'redelivery.why.file_unavailable':
    '"{name}", which is not on this computer and could not be fetched from the marketplace',
  'redelivery.why.before_placement': 'the enabling time {name}, which is before this order was placed',
  'redelivery.why.after_now': 'the enabling time {name}, which is later than now',

  'earlier.open': 'Start from an earlier delivery of this product',
  'earlier.title': 'Start from an earlier delivery of this product',
  'earlier.hint': 'The draft is filled with the chosen delivery\u2019s items, enabling time and files.',
  'earlier.loading': 'Looking for earlier deliveries\u2026',
  'earlier.none': 'No earlier delivery of this product is known on this computer yet.',
  'earlier.loadFailed': 'Earlier deliveries could not be listed: {message}',
  'earlier.order': 'Order',
  'earlier.customer': 'Customer',
  'earlier.delivered': 'Delivered',
  'earlier.contents': 'Contents',
  'earlier.items': '{n} item|{n} items',
  'earlier.files': '{n} file|{n} files',
  'earlier.thisOrder': 'this order',
  'earlier.use': 'Use',
  'earlier.useLabel': 'Use the delivery of order {orderId}',
  'earlier.confirmTitle': 'Replace what this draft holds?',
  'earlier.confirmBody':
    'Its items, enabling time and files are replaced by those of order {orderId}\u2019s delivery ({at}).',
  'earlier.confirm': 'Replace',
  'earlier.filling': 'Filling in\u2026',
  'earlier.failed': 'The draft was not filled in: {message}',

  'attach.categoryOf': 'Category of {name}',
  'attach.recategorizeFailed': 'The category of "{name}" was not changed: {message}',
} as const;
