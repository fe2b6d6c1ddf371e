// English UI strings: the reference key set. `one|other` pairs are plurals chosen by `{n}`.
import type {
  ATTACHMENT_CATEGORIES,
  CHARGING_MODES,
  ORDER_STATUSES,
  ORDER_TYPES,
  PERIOD_TYPES,
  PROCESSES,
  STAGES,
} from '../../common/marketplace/wire';
import type { QUICK_FILTERS } from '../../common/api/contract';
import type { LANGUAGES } from './languages';
import { outboxEn } from './outbox.en';
import { proofsEn } from './proofs.en';
import { redeliveryEn } from './redelivery.en';
import { updatesEn } from './updates.en';
import { billsEn } from './bills.en';
import { recoveryEn } from './recovery.en';
import { connectionEn } from './connection.en';
import { errorsEn } from './errors.en';
import { cannedReasonsEn } from './canned-reasons.en';
import { tableEn } from './table.en';
import { urgencyEn } from './urgency.en';
import { keyboardEn } from './keyboard.en';
import { syncRejectsEn } from './sync-rejects.en';
import { editorNavEn } from './editor-nav.en';

type Each<P extends string, T extends readonly string[]> = `${P}.${T[number]}`;
/** Every enum value the UI shows must have a label (a new stage without one is a type error). */
type EnumKeys =
  | Each<'stage', typeof STAGES>
  | Each<'orderStatus', typeof ORDER_STATUSES>
  | Each<'orderType', typeof ORDER_TYPES>
  | Each<'charging', typeof CHARGING_MODES>
  | Each<'period', typeof PERIOD_TYPES>
  | Each<'process', typeof PROCESSES>
  | Each<'category', typeof ATTACHMENT_CATEGORIES>
  | Each<'quick', typeof QUICK_FILTERS>
  | Each<'language', typeof LANGUAGES>;

export const en = {
  'app.name': 'Seller Desk',
  'app.tagline': 'Delivery workspace',
  'app.noToken': 'This page was opened without its access token. Open the address printed by "seller-desk serve".',

  'nav.label': 'Main',
  'nav.supervision': 'Service Supervision',
  'nav.settings': 'Settings',

  'search.label': 'Search orders',
  'search.status': 'Order status',
  'search.stage': 'Stage',
  'search.all': 'All',
  'search.nSelected': '{n} selected',
  'search.placed': 'Placed between (UTC+8 dates)',
  'search.placedHint': 'Placement dates are marketplace dates (UTC+8), both ends included.',
  'search.placedFrom': 'Placed from',
  'search.placedTo': 'Placed to',
  'search.clear': 'Clear filters',

  'quick.label': 'Quick filters',
  'quick.needs_action': 'Needs my action',
  'quick.needs_action.hint':
    'Lines where you must act: a request to accept or reject, a delivery to make or make again, or a refund request to review. Lines frozen by an appeal are left out.',
  'quick.awaiting_customer': 'Awaiting customer',
  'quick.awaiting_customer.hint':
    'Lines where the customer must act: submit or resubmit a request, or accept a delivery, with no refund request waiting for you and no appeal open.',
  'quick.waiting_long': 'Waiting > {days} days',
  'quick.waiting_long.hint':
    'Open supervised lines where nothing has moved for more than {days} days, whoever must act (you, the customer, or the marketplace on an appeal): the waiting times shown in orange.',
  'quick.appeal_open': 'Appeal open',
  'quick.appeal_open.hint': 'Lines frozen by an open appeal: nobody can act until the marketplace decides.',

  'col.orderNo': 'Order No.',
  'col.product': 'Product',
  'col.amount': 'Amount',
  'col.status': 'Order status',
  'col.stage': 'Stage',
  'col.placed': 'Placed',
  'col.waiting': 'Waiting',

  'table.label': 'Order lines',
  'table.loading': 'Loading…',
  'table.updating': 'updating',
  'table.count': '{n} order line|{n} order lines',
  'table.countAbout': 'about {n} order lines',
  'table.countExactly': 'Count exactly',
  'table.days': '{n} day|{n} days',
  'table.noMatch': 'No order lines match these filters.',
  'table.noOrders': 'No orders in the local cache yet. Connect to the marketplace in Settings, then sync.',
  'table.firstSync': 'Fetching your orders from the marketplace…',
  'table.unavailable': 'The order list is not available right now.',
  'table.capped': 'Showing the first {n} lines. Narrow the search to see the rest.',

  'stage.awaiting_request': 'Awaiting request',
  'stage.request_pending': 'Request to review',
  'stage.request_returned': 'Request returned',
  'stage.awaiting_delivery': 'Awaiting delivery',
  'stage.delivery_returned': 'Delivery returned',
  'stage.awaiting_acceptance': 'Awaiting acceptance',
  'stage.completed': 'Completed',
  'stage.closed': 'Closed',
  'stage.none': 'Not supervised',

  'orderStatus.PENDING_PAYMENT': 'Pending payment',
  'orderStatus.PROCESSING': 'Processing',
  'orderStatus.CANCELED': 'Canceled',
  'orderStatus.COMPLETED': 'Completed',

  'orderType.NEW': 'New purchase',
  'orderType.TRIAL': 'Trial',
  'orderType.TRIAL_TO_FORMAL': 'Trial to formal',
  'orderType.RENEW': 'Renewal',
  'orderType.CHANGE': 'Change',
  'orderType.UNSUBSCRIBE': 'Unsubscription',

  'charging.PERIOD': 'Yearly/monthly',
  'charging.ONE_TIME': 'One-time',
  'charging.ON_DEMAND': 'Pay-per-use',
  'charging.ON_DEMAND_PKG': 'Pay-per-use package',

  'period.month': '{n} month|{n} months',
  'period.year': '{n} year|{n} years',
  'period.day': '{n} day|{n} days',

  'process.LEGACY': 'Deliver first (before 2025-03-26)',
  'process.REQUEST_FIRST': 'Request first (from 2025-03-26)',

  'category.request': 'Request document',
  'category.acceptance': 'Acceptance document',
  'category.license_validity': 'License validity screenshot',
  'category.deployment': 'Deployment proof',
  'category.sow': 'Statement of work',
  'category.receipt': 'Receipt',
  'category.commitment_letter': 'Letter of commitment',
  'category.other': 'Other',

  'actor.customer': 'Customer',
  'actor.seller': 'You',
  'actor.marketplace': 'Marketplace',

  'event.order_placed': 'Order placed',
  'event.supervision_started': 'Supervision started',
  'event.request_submitted': 'Request submitted',
  'event.request_resubmitted': 'Request resubmitted',
  'event.request_accepted': 'Request accepted',
  'event.request_rejected': 'Request returned for changes',
  'event.request_returned': 'Request returned for changes',
  'event.delivered': 'Delivery submitted',
  'event.delivery_submitted': 'Delivery submitted',
  'event.delivery_accepted': 'Delivery accepted',
  'event.delivery_returned': 'Delivery returned',
  'event.delivery_rejected': 'Delivery returned',
  'event.accepted': 'Accepted by the customer',
  'event.appeal_opened': 'Appeal opened',
  'event.appeal_resolved': 'Appeal resolved',
  'event.unsubscription_requested': 'Unsubscription requested',
  'event.unsubscription_agreed': 'Unsubscription agreed',
  'event.unsubscription_rejected': 'Unsubscription rejected',
  'event.order_completed': 'Order completed',
  'event.completed': 'Completed',
  'event.closed': 'Closed',

  'unsubscription.pending': 'awaiting your review',
  'unsubscription.agreed': 'agreed',
  'unsubscription.rejected': 'rejected',

  'order.imported': 'Imported',
  'order.appealOpen': 'Appeal open',
  'order.longUnaccepted': 'Not accepted 180 days after placement',

  'detail.label': 'Order detail',
  'detail.loading': 'Loading order…',
  'detail.close': 'Close detail (Esc)',
  'detail.offline': 'Seller Desk is not reachable; showing what was loaded before.',
  'detail.notFound': 'This order line is no longer in the local cache.',
  'detail.notInList': 'This order is not in the current list (its stage or status changed, or the filters exclude it).',
  'detail.clearSelection': 'Close and clear selection',
  'detail.waiting': 'In this stage for {n} day|In this stage for {n} days',
  'detail.order': 'Order',
  'detail.orderLineId': 'Order line',
  'detail.productId': 'Product ID',
  'detail.sku': 'SKU',
  'detail.orderType': 'Order type',
  'detail.chargingMode': 'Charging mode',
  'detail.period': 'Purchased period',
  'detail.renews': 'Renews',
  'detail.templateVersion': 'Template version',
  'detail.updated': 'Last changed',
  'detail.none': '—',
  'detail.customer': 'Customer',
  'detail.notGiven': 'Not given',
  'detail.supervision': 'Supervision',
  'detail.notSupervised':
    'This order line is not under service supervision (for example a renewal of a completed order).',
  'detail.process': 'Process',
  'detail.appeal': 'Appeal',
  'detail.appealOpenFrozen': 'Open — the order is frozen until the marketplace resolves it',
  'detail.no': 'None',
  'detail.requestRejections': 'Requests returned by you',
  'detail.deliveryRejections': 'Deliveries returned by the customer',
  'detail.acceptedAt': 'Accepted',
  'detail.unsubscription': 'Unsubscription',
  'detail.validity': 'Validity',
  'detail.validityUnknown': 'Not known yet',
  'detail.request': "Customer's request",
  'detail.delivery': 'Delivery',
  'detail.submittedAt': 'Submitted {at}',
  'detail.noAttachments': 'No attachments.',
  'detail.enablingTime': 'Service enabling time',
  'detail.enablingFromAcceptance': 'Not given — validity starts at acceptance',
  'detail.timeline': 'Timeline',
  'detail.noEvents': 'Nothing has happened yet.',

  'import.open': 'Import order by ID',
  'import.title': 'Import an order by ID',
  'import.help': 'Looks the order up on the marketplace and adds its lines to the local cache, marked as imported.',
  'import.orderId': 'Order ID',
  'import.submit': 'Import',
  'import.importing': 'Importing…',
  'import.required': 'Enter an order ID.',
  'import.notFound': 'The marketplace does not know an order "{id}".',
  'import.offline': 'The marketplace cannot be reached. Try again when you are online.',

  'validation.required': 'Required.',
  'validation.min': 'Must be at least {min}.',
  'validation.max': 'Must be at most {max}.',
  'validation.maxLength': 'At most {max} characters.',
  'validation.number': 'Enter a whole number.',
  'validation.url': 'Enter a URL like https://… or http://127.0.0.1:PORT.',
  'validation.date': 'Enter a date as YYYY-MM-DD.',
  'validation.dateOrder': 'The end date is before the start date.',

  'dialog.cancel': 'Cancel',
  'dialog.close': 'Close',

  'status.online': 'Online',
  'status.offline': 'Offline',
  'status.offlineHint': 'working from the local cache',
  'status.hostUnreachable': 'Seller Desk is not reachable',
  'status.connecting': 'Connecting…',
  'status.unconfigured': 'Not connected — set up the marketplace',
  'status.lastSync': 'Last sync',
  'status.never': 'never',
  'status.syncing': 'Syncing…',
  'status.progress': 'Page {pages} · {lines} lines',
  'status.syncFailed': 'Last sync failed',
  'status.syncNow': 'Sync now',
  'date.formatHint': 'YYYY-MM-DD',
  'status.cachedLines': '{n} cached line|{n} cached lines',
  'status.demo': 'Demo data',

  'settings.sub': 'Connection to the marketplace, sync and display preferences.',
  'settings.connection': 'Marketplace connection',
  'settings.demoNotice': "Connected to the built-in demo marketplace. Demo data is kept apart from a real account's.",
  'settings.endpoint': 'Endpoint',
  'settings.endpointHint': 'The marketplace API address, e.g. https://… (or http://127.0.0.1:PORT for the simulator).',
  'settings.ak': 'Access key (AK)',
  'settings.sk': 'Secret key (SK)',
  'settings.skPlaceholder': 'Paste the secret key',
  'settings.skReplacePlaceholder': 'Paste the new secret key',
  'settings.skStored': 'Stored',
  'settings.skReplace': 'Replace',
  'settings.behaviour': 'Sync and supervision',
  'settings.syncInterval': 'Sync every (minutes)',
  'settings.syncIntervalHint': 'Also syncs at start, on "Sync now" and when the network comes back.',
  'settings.waitingDays': 'Waiting too long after (days)',
  'settings.waitingDaysHint': 'Used by the "Waiting > N days" filter and highlighted in the list.',
  'settings.save': 'Save changes',
  'settings.saving': 'Saving…',
  'settings.saved': 'Saved.',
  'settings.saveFailed': 'Not saved — see the fields above.',
  'settings.language': 'Language',
  'settings.languageLabel': 'Display language',
  'settings.languageHint': 'Applies at once and is remembered.',
  'settings.appearance': 'Appearance',
  'settings.themeLabel': 'Theme',
  'settings.themeHint': '“System” follows your operating system’s light or dark mode.',
  'settings.theme.system': 'System',
  'settings.theme.light': 'Light',
  'settings.theme.dark': 'Dark',
  'settings.about': 'About',
  'settings.version': 'Version',
  'settings.transport': 'Running as',

  'language.en': 'English',
  'language.zh-CN': '简体中文',

  'transport.electron': 'Desktop app',
  'transport.browser-host': 'Browser host',
  ...outboxEn,
  ...proofsEn,
  ...redeliveryEn,
  ...updatesEn,
  ...billsEn,
  ...recoveryEn,
  ...connectionEn,
  ...errorsEn,
  ...cannedReasonsEn,
  ...tableEn,
  ...urgencyEn,
  ...keyboardEn,
  ...syncRejectsEn,
  ...editorNavEn,
} as const satisfies Record<EnumKeys, string> & Record<string, string>;

export type MessageKey = keyof typeof en;
