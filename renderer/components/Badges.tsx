// Coloured labels for order status (O2a) and supervision stage (S2).
import type { OrderStatus, Stage } from '../../common/marketplace/wire';
import { SELLER_ACTION_STAGES } from '../../common/domain/supervision';
import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t';

/** S3: stages where the seller must act stand out; the customer's stages are quiet. */
function stageTone(stage: Stage | null): string {
  if (stage === null) return 'muted';
  if (stage === 'completed') return 'good';
  if (stage === 'closed') return 'muted';
  if (stage === 'delivery_returned' || stage === 'request_returned') return 'warn';
  if (SELLER_ACTION_STAGES.includes(stage)) return 'action';
  return 'wait';
}

export function StageBadge({ stage }: { stage: Stage | null }) {
  const t = useT();
  return (
    <span className={`badge badge-${stageTone(stage)}`} data-stage={stage ?? 'none'}>
      {stage === null ? t('stage.none') : t(`stage.${stage}`)}
    </span>
  );
}

const STATUS_TONE: Record<OrderStatus, string> = {
  PENDING_PAYMENT: 'warn',
  PROCESSING: 'info',
  CANCELED: 'muted',
  COMPLETED: 'good',
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  const t = useT();
  return (
    <span className={`badge badge-outline badge-${STATUS_TONE[status]}`} data-status={status}>
      {t(`orderStatus.${status}`)}
    </span>
  );
}

export function Pill({
  tone,
  children,
  title,
}: {
  tone: 'info' | 'warn' | 'danger' | 'good' | 'muted';
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className={`pill pill-${tone}`} title={title}>
      {children}
    </span>
  );
}
