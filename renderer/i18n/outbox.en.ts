// English UI strings for seller actions, the Sync Center, attachments, notifications; en.ts spreads them in.
// `one|other` pairs are plurals chosen by `{n}`.
import type { NOTIFICATION_KINDS, OUTBOX_STATES } from '../../common/api/contract-outbox';
import type { OUTBOX_KINDS } from '../../common/api/action-payloads';

type Each<P extends string, T extends readonly string[]> = `${P}.${T[number]}`;
/** Every kind, state and notification the UI shows has a label (a new one without it is a type error). */
type OutboxEnumKeys =
  | Each<'kind', typeof OUTBOX_KINDS>
  | Each<'outboxState', typeof OUTBOX_STATES>
  | Each<'notify', typeof NOTIFICATION_KINDS>;

export const outboxEn = {
  'nav.syncCenter': 'Sync Center',

  'kind.request.accept': 'Accept request',
  'kind.request.reject': 'Reject request',
  'kind.appeal': 'Appeal',
  'kind.unsubscription.review': 'Unsubscription review',
  'kind.delivery': 'Delivery proof',

  'outboxState.queued': 'Waiting',
  'outboxState.sending': 'Sending',
  'outboxState.unknown': 'Retrying',
  'outboxState.acked': 'Sent',
  'outboxState.rejected': 'Refused',
  'outboxState.conflict': 'Conflict',
  'outboxState.discarded': 'Discarded',
  'outboxState.queued.hint': 'Taken here, not sent yet. It goes out as soon as the marketplace can be reached.',
  'outboxState.sending.hint': 'On its way to the marketplace.',
  'outboxState.unknown.hint':
    'No definite answer yet: it is resent with the same idempotency key, so it is applied exactly once.',
  'outboxState.acked.hint': 'The marketplace applied it.',
  'outboxState.rejected.hint': 'The marketplace refused it. Edit and re-queue it, or discard it.',
  'outboxState.conflict.hint':
    'The order moved on before it arrived; the order shows its new state. Edit and re-queue it, or discard it.',

  'syncCenter.sub': 'Every action taken on an order, from the moment you take it until the marketplace confirms it.',
  'syncCenter.unsent': '{n} action waiting to be sent|{n} actions waiting to be sent',
  'syncCenter.attention': '{n} needs your attention|{n} need your attention',
  'syncCenter.allSent': 'Everything has been sent.',
  'syncCenter.retryNow': 'Retry now',
  'syncCenter.retryHint': 'Send every waiting action now instead of at its next scheduled try.',
  'syncCenter.filter': 'Show',
  'syncCenter.filter.all': 'All',
  'syncCenter.filter.unsent': 'Waiting to send',
  'syncCenter.filter.attention': 'Needs attention',
  'syncCenter.filter.acked': 'Sent',
  'syncCenter.filter.discarded': 'Discarded',
  'syncCenter.col.action': 'Action',
  'syncCenter.col.order': 'Order',
  'syncCenter.col.state': 'State',
  'syncCenter.col.attempts': 'Tries',
  'syncCenter.col.lastError': 'Last answer',
  'syncCenter.col.queued': 'Queued',
  'syncCenter.table': 'Outbox',
  'syncCenter.empty':
    'Nothing here yet. Actions you take on orders — accept, reject, appeal, review — appear here until the marketplace confirms them.',
  'syncCenter.emptyFilter': 'No actions in this view.',
  'syncCenter.loadFailed': 'The outbox could not be loaded.',
  'syncCenter.loading': 'Loading…',
  'syncCenter.edit': 'Edit & re-queue',
  'syncCenter.requeue': 'Re-queue',
  'syncCenter.discard': 'Discard',
  'syncCenter.nextTry': 'next try {at}',
  'syncCenter.upload': 'Uploading {n} file|Uploading {n} files',
  'syncCenter.uploaded': '{n} file uploaded|{n} files uploaded',
  'syncCenter.discardedBecause': 'Discarded: {reason}',
  'syncCenter.openOrder': 'Open order {id}',
  'syncCenter.unreachable': 'The marketplace could not be reached.',
  'syncCenter.timeout': 'The marketplace did not answer in time.',
  'syncCenter.offlineHost': 'Seller Desk is not reachable right now.',
  'syncCenter.notCached': 'not in the local cache',
  'syncCenter.uploadWaiting': '{n} file waiting to upload ({size})|{n} files waiting to upload ({size})',
  'syncCenter.openTheOrder': 'Open the order',
  'syncCenter.details': 'Details',
  'syncCenter.offlineBanner':
    'The marketplace cannot be reached — working offline; changes will be sent when it is back.',

  // What the marketplace's answer means, per result code (docs/marketplace-api.md "Errors"); the code and the
  // marketplace's own text sit under "Details".
  'answer.MKT.0100': 'The marketplace did not accept what was entered. Correct it and re-queue.',
  'answer.MKT.0101':
    'Seller Desk sent an incomplete request, so sending it again will not help. Discard it and take the action again.',
  'answer.APIGW.0301':
    'The marketplace did not accept the access key or this computer’s clock. Check Settings, then re-queue.',
  'answer.MKT.0150': 'This order does not belong to your seller account, so the marketplace refused the action.',
  'answer.MKT.2404': 'The marketplace no longer knows this order, file or attachment.',
  'answer.MKT.2001':
    'The order moved on before this action arrived, so it no longer applies. Open the order to see where it stands.',
  'answer.MKT.2002':
    'An appeal is open on this order: nothing can be done on it until the marketplace resolves the appeal.',
  'answer.MKT.2003':
    'The delivery was filled in against an older template version. Open the order, review the draft and deliver again.',
  'answer.MKT.2011': 'The marketplace is still working on the same action. It is tried again shortly.',
  'answer.MKT.2420': 'The file upload was interrupted. It continues where it stopped.',
  'answer.MKT.2421': 'A file arrived damaged. It is uploaded again.',
  'answer.MKT.2410': 'The marketplace’s list moved on. It is read again from the beginning.',
  'answer.MKT.2413': 'A file is too large for the marketplace.',
  'answer.MKT.2415': 'The marketplace does not accept one of the file types.',
  'answer.MKT.2010':
    'The marketplace saw this action before with different content, so it cannot be sent again. Discard it and take the action again.',
  'answer.MKT.0250': 'The marketplace asked to slow down. It is tried again shortly.',
  'answer.MKT.0999': 'The marketplace had an internal problem. It is tried again shortly.',
  'answer.conflict': 'The order moved on before this action arrived. Open the order to see where it stands.',
  'answer.refused': 'The marketplace refused the action (HTTP {status}).',

  'edit.title': 'Edit and re-queue',
  'edit.titleSimple': 'Re-queue this action?',
  'edit.refused': 'The marketplace refused it',
  'edit.conflict': 'The order moved on before it arrived',
  'edit.help': 'It is sent again with a new idempotency key. Your previous input is filled in below.',
  'edit.helpSimple': 'It is sent again with a new idempotency key.',
  'edit.submit': 'Re-queue',

  'discard.title': 'Discard this action?',
  'discard.body': 'It will not be sent. It stays in the Sync Center (under "Discarded") with your reason.',
  'discard.reason': 'Reason (recorded)',
  'discard.placeholder': 'e.g. Settled with the customer by phone.',
  'discard.submit': 'Discard action',

  'status.unsent': '{n} unsent',
  'status.attention': '{n} needs attention|{n} need attention',
  'status.allSent': 'All sent',
  'status.openSyncCenter': 'Open the Sync Center',

  'order.pendingSync': 'Pending sync',
  'order.pendingSyncHint': 'An action on this order waits to be sent to the marketplace.',

  'actions.title': 'Actions',
  'actions.accept': 'Accept request',
  'actions.reject': 'Reject request',
  'actions.requestFiles': '{n} attachment below|{n} attachments below',
  'actions.appeal': 'Appeal',
  'actions.review': 'Review unsubscription',
  'actions.pendingItem': '{what} — waiting to be sent',
  'actions.sendingItem': '{what} — sending',
  'actions.refusedItem': '{what} — refused by the marketplace',
  'actions.conflictItem': '{what} — conflict: the order moved on',
  'actions.openSyncCenter': 'Sync Center',
  'actions.why.appeal_open': 'An appeal is open: the supervision flow is frozen until the marketplace resolves it.',
  'actions.why.stage': 'Not possible while the order is "{stage}".',
  'actions.why.stageQueued': 'Not possible: once the queued action is sent, the order will be "{stage}".',
  'actions.why.no_pending_unsubscription': 'There is no pending unsubscription request to review.',
  'actions.why.not_supervised': 'This order is not under service supervision.',
  'actions.why.not_found': 'This order is not in the local cache.',
  'actions.offline': 'Works offline: the action is queued at once and sent when the marketplace can be reached.',
  'actions.failed': 'Not queued: {message}',

  'form.required': 'Required.',
  'form.tooLong': 'At most {max} characters.',
  'form.counter': '{n} / {max}',
  'form.submitHint': 'Ctrl+Enter to submit',

  'accept.title': 'Accept the customer’s request?',
  'accept.body':
    'The order moves to “Awaiting delivery” once the marketplace confirms, and you can then deliver. This cannot be undone.',
  'accept.submit': 'Accept request',

  'reject.title': 'Reject the request',
  'reject.body':
    'The request goes back to the customer for modification. Say what has to change — the customer sees this text.',
  'reject.reason': 'Reason',
  'reject.placeholder': 'e.g. Please add the deployment environment and the expected go-live date.',
  'reject.submit': 'Reject request',

  'appeal.title': 'Appeal to the marketplace',
  'appeal.body':
    'The marketplace reviews the case. While the appeal is open, neither you nor the customer can act on this order.',
  'appeal.reason': 'Reason',
  'appeal.placeholder': 'What happened, and what you ask the marketplace to do.',
  'appeal.unreachable': 'The customer cannot be reached',
  'appeal.unreachableHint': 'A letter of commitment is then required.',
  'appeal.letterRequired': 'Attach a letter of commitment: it is required when the customer cannot be reached.',
  'appeal.submit': 'Submit appeal',

  'review.title': 'Review the unsubscription request',
  'review.requested': 'Refund requested',
  'review.customerReason': 'Customer’s reason',
  'review.requestedAt': 'Requested',
  'review.decision': 'Decision',
  'review.agree': 'Agree to the refund',
  'review.agreeHint': 'The order closes and the refund enters settlement.',
  'review.reject': 'Reject the request',
  'review.rejectHint': 'Supervision goes on as before.',
  'review.decisionRequired': 'Choose whether you agree.',
  'review.comments': 'Review comments',
  'review.placeholder': 'Explain your decision to the customer.',
  'review.submit': 'Submit review',

  'files.label': 'Attachments',
  'files.add': 'Add files',
  'files.limits': 'PDF, PNG, JPEG, DOC/DOCX, XLS/XLSX or ZIP · up to 20 MB each · at most 20 files',
  'files.tooLarge': '“{name}” is larger than 20 MB.',
  'files.tooMany': 'At most 20 files can go in one submission.',
  'files.adding': 'Adding…',
  'files.remove': 'Remove {name}',
  'files.category': 'Category of {name}',
  'files.failed': '“{name}”: {message}',

  'download.action': 'Download',
  'download.open': 'Open',
  'download.busy': 'Downloading…',
  'download.failed': 'Could not download “{name}”: {message}',

  'notify.request_submitted': 'New customer request',
  'notify.delivery_returned': 'Delivery returned by the customer',
  'notify.appeal_resolved': 'Appeal resolved',
  'notify.unsubscription_requested': 'Unsubscription requested',
  'toast.open': 'Open order',
  'toast.dismiss': 'Dismiss',
  'toast.region': 'Notifications',
} as const satisfies Record<OutboxEnumKeys, string> & Record<string, string>;
