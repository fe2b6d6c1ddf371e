// Sections of the order detail panel. Every value comes from main (SQLite); nothing is computed
// here except display formatting (O3, O4) and the UTC+8 validity dates (V2).
import type { ReactNode } from 'react';
import type { OrderDetail } from '../../../common/api/types';
import type { AttachmentCategory, Customer, Supervision } from '../../../common/marketplace/wire';
import { parseMoney } from '../../../common/domain/money';
import { marketDate } from '../../../common/domain/time';
import { formatAmount, formatBytes, formatDateTime } from '../../lib/format';
import { useLanguage, useT } from '../../i18n/use-t';
import { Icon } from '../../components/Icon';
import { DownloadButton } from './actions/DownloadButton';

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="detail-section" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function Fact({ label, children, mono }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </>
  );
}

export function OrderFacts({ detail }: { detail: OrderDetail }) {
  const t = useT();
  const lang = useLanguage();
  const period =
    detail.periodType && detail.periodNumber
      ? t(`period.${detail.periodType}`, { n: detail.periodNumber })
      : t('detail.none');
  return (
    <Section title={t('detail.order')} testId="detail-order">
      <dl className="facts">
        <Fact label={t('col.orderNo')} mono>
          {detail.orderId}
        </Fact>
        <Fact label={t('detail.orderLineId')} mono>
          {detail.orderLineId}
        </Fact>
        <Fact label={t('col.product')}>{detail.productName}</Fact>
        <Fact label={t('detail.productId')} mono>
          {detail.productId}
        </Fact>
        {detail.skuCode && (
          <Fact label={t('detail.sku')} mono>
            {detail.skuCode}
          </Fact>
        )}
        <Fact label={t('col.amount')}>{formatAmount(detail.amountMinor, detail.currency, lang)}</Fact>
        <Fact label={t('detail.orderType')}>{t(`orderType.${detail.orderType}`)}</Fact>
        <Fact label={t('detail.chargingMode')}>{t(`charging.${detail.chargingMode}`)}</Fact>
        <Fact label={t('detail.period')}>{period}</Fact>
        <Fact label={t('col.placed')}>{formatDateTime(detail.placedAt, lang)}</Fact>
        {detail.line.renewsOrderLineId && (
          <Fact label={t('detail.renews')} mono>
            {detail.line.renewsOrderLineId}
          </Fact>
        )}
        <Fact label={t('detail.templateVersion')}>{detail.line.templateVersion ?? t('detail.none')}</Fact>
        <Fact label={t('detail.updated')}>
          {formatDateTime(detail.updatedAt, lang)} · v{detail.version}
        </Fact>
      </dl>
    </Section>
  );
}

export function CustomerSection({ customer }: { customer: Customer }) {
  const t = useT();
  return (
    <Section title={t('detail.customer')} testId="detail-customer">
      <div className="contact">
        <div className="contact-row">
          <Icon name="user" size={15} />
          <span className="contact-name">{customer.customerName}</span>
          <span className="muted mono small">{customer.customerId}</span>
        </div>
        <div className="contact-row">
          <Icon name="mail" size={15} />
          {customer.email ? (
            <a href={`mailto:${customer.email}`}>{customer.email}</a>
          ) : (
            <span className="muted">{t('detail.notGiven')}</span>
          )}
        </div>
        <div className="contact-row">
          <Icon name="phone" size={15} />
          {customer.mobilePhone ? (
            <a href={`tel:${customer.mobilePhone.replace(/\s/g, '')}`}>{customer.mobilePhone}</a>
          ) : (
            <span className="muted">{t('detail.notGiven')}</span>
          )}
        </div>
      </div>
    </Section>
  );
}

export function SupervisionSection({ detail }: { detail: OrderDetail }) {
  const t = useT();
  const lang = useLanguage();
  const sup = detail.line.supervision;
  const validity = detail.line.validity;
  return (
    <Section title={t('detail.supervision')} testId="detail-supervision">
      {!sup ? (
        // S6: a renewal of a completed supervised order (or any unsupervised line) never enters a stage.
        <p className="muted">{t('detail.notSupervised')}</p>
      ) : (
        <dl className="facts">
          <Fact label={t('detail.process')}>{t(`process.${sup.process}`)}</Fact>
          <Fact label={t('detail.appeal')}>
            {sup.appealOpen ? <strong className="danger">{t('detail.appealOpenFrozen')}</strong> : t('detail.no')}
          </Fact>
          <Fact label={t('detail.requestRejections')}>{sup.requestRejections}</Fact>
          <Fact label={t('detail.deliveryRejections')}>{sup.deliveryRejections}</Fact>
          {sup.acceptedAt && (
            <Fact label={t('detail.acceptedAt')}>{formatDateTime(Date.parse(sup.acceptedAt), lang)}</Fact>
          )}
          {sup.unsubscription && <Unsubscription value={sup.unsubscription} currency={detail.currency} />}
        </dl>
      )}
      <dl className="facts">
        <Fact label={t('detail.validity')}>
          {validity ? (
            <span data-testid="detail-validity">
              {marketDate(Date.parse(validity.start))} – {marketDate(Date.parse(validity.end))}{' '}
              <span className="muted small">UTC+8</span>
            </span>
          ) : (
            <span className="muted" data-testid="detail-validity">
              {t('detail.validityUnknown')}
            </span>
          )}
        </Fact>
      </dl>
    </Section>
  );
}

function Unsubscription({ value, currency }: { value: NonNullable<Supervision['unsubscription']>; currency: string }) {
  const t = useT();
  const lang = useLanguage();
  return (
    <Fact label={t('detail.unsubscription')}>
      {formatAmount(parseMoney(value.amount), currency, lang)} · {t(`unsubscription.${value.status}`)}
      <div className="muted small">{value.reason}</div>
    </Fact>
  );
}

function AttachmentList({
  items,
  orderLineId,
}: {
  items: { attachmentId: string; fileName: string; contentType: string; size: number; category?: AttachmentCategory }[];
  orderLineId: string;
}) {
  const t = useT();
  const lang = useLanguage();
  if (items.length === 0) return <p className="muted small">{t('detail.noAttachments')}</p>;
  return (
    <ul className="attachments with-download" data-testid="attachments">
      {items.map((a) => (
        <li key={a.attachmentId}>
          <Icon name="file" size={16} />
          <span className="file-name" title={a.fileName}>
            {a.fileName}
          </span>
          <span className="muted small">{a.category ? t(`category.${a.category}`) : a.contentType}</span>
          <span className="muted small num">{formatBytes(a.size, lang)}</span>
          {/* the file can be downloaded / opened */}
          <DownloadButton orderLineId={orderLineId} attachmentId={a.attachmentId} fileName={a.fileName} />
        </li>
      ))}
    </ul>
  );
}

export function RequestSection({
  request,
  orderLineId,
}: {
  request: NonNullable<Supervision['request']>;
  orderLineId: string;
}) {
  const t = useT();
  const lang = useLanguage();
  return (
    <Section title={t('detail.request')} testId="detail-request">
      <div className="muted small">
        {t('detail.submittedAt', { at: formatDateTime(Date.parse(request.submittedAt), lang) })}
      </div>
      <p className="request-text">{request.description}</p>
      <AttachmentList items={request.attachments} orderLineId={orderLineId} />
    </Section>
  );
}

export function DeliverySection({
  delivery,
  orderLineId,
}: {
  delivery: NonNullable<Supervision['delivery']>;
  orderLineId: string;
}) {
  const t = useT();
  const lang = useLanguage();
  return (
    <Section title={t('detail.delivery')} testId="detail-delivery">
      <div className="muted small">
        {t('detail.submittedAt', { at: formatDateTime(Date.parse(delivery.submittedAt), lang) })}
      </div>
      <dl className="facts">
        <Fact label={t('detail.enablingTime')}>
          {delivery.enablingTime
            ? formatDateTime(Date.parse(delivery.enablingTime), lang)
            : t('detail.enablingFromAcceptance')}
        </Fact>
        <Fact label={t('detail.templateVersion')}>{delivery.templateVersion}</Fact>
      </dl>
      <AttachmentList items={delivery.attachments} orderLineId={orderLineId} />
    </Section>
  );
}
