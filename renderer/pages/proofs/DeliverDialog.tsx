// "Deliver service" asks first: what goes out — the order, how many items and files, the validity
// that will apply (V1, V5) — and that it is delivered once (P4). Confirmed → main validates again and queues it.
import type { ProofEditorData, ProofValue } from '../../../common/api/contract-proofs';
import { isEmptyValue } from '../../../common/domain/proof-rules';
import { validityOutcomes } from '../../../common/domain/validity';
import { useT } from '../../i18n/use-t';
import { ConfirmDialog } from './ConfirmDialog';

export interface DeliverDialogProps {
  data: ProofEditorData;
  content: Record<string, ProofValue>;
  enablingTime: number | null;
  now: number;
  busy: boolean;
  onConfirm(): void;
  onClose(): void;
}

export function DeliverDialog({ data, content, enablingTime, now, busy, onConfirm, onClose }: DeliverDialogProps) {
  const t = useT();
  const { order, template, draft } = data;
  const valueItems = template.items.filter((i) => i.kind !== 'attachment');
  const filled = valueItems.filter((i) => !isEmptyValue(content[i.key])).length;
  const period =
    order.periodType && order.periodNumber ? { periodType: order.periodType, periodNumber: order.periodNumber } : null;
  const outcomes = period ? validityOutcomes({ ...period, enablingTime, now }) : null;
  const validity = !outcomes
    ? t('validity.noPeriod')
    : outcomes.withEnablingTime
      ? `${outcomes.withEnablingTime.startDate} – ${outcomes.withEnablingTime.endDate} (UTC+8)`
      : t('validity.fromAcceptance', {
          length: t(`period.${outcomes.fromAcceptance.periodType}`, { n: outcomes.fromAcceptance.periodNumber }),
        });

  return (
    <ConfirmDialog
      title={t('deliver.title')}
      confirmLabel={t('deliver.confirm')}
      busyLabel={t('deliver.queuing')}
      busy={busy}
      onConfirm={onConfirm}
      onClose={onClose}
      testId="deliver-dialog"
      wide
    >
      <p className="muted">{t('deliver.body')}</p>
      <dl className="facts deliver-facts">
        <dt>{t('deliver.order')}</dt>
        <dd>
          <span className="mono">{order.orderLineId}</span> · {order.productName}
        </dd>
        <dt>{t('deliver.items')}</dt>
        <dd>
          {t('deliver.itemsValue', { n: filled, total: valueItems.length })} ·{' '}
          {t('editor.templateVersion', { v: template.templateVersion })}
        </dd>
        <dt>{t('deliver.files')}</dt>
        <dd>{draft.attachments.map((a) => a.fileName).join(', ') || '—'}</dd>
        <dt>{t('deliver.validity')}</dt>
        <dd data-testid="deliver-validity">{validity}</dd>
      </dl>
    </ConfirmDialog>
  );
}
