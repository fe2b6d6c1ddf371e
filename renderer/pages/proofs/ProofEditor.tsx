// The proof editor: every template item by its kind, the attachments by category, the
// enabling time with both validity outcomes, the statement of work, and "Deliver service". Auto-saved within a
// second of a change; pending edits are flushed when leaving the page, hiding the window, or on Ctrl+S, and closing
// the tab with unsaved edits asks first — an edit is never lost (P4).
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useNow, useStores } from '../../stores/StoresContext';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatAmount } from '../../lib/format';
import { blockingIssues, issuesByKey, localIssues } from '../../lib/proof-view';
import { StageBadge } from '../../components/Badges';
import { Icon } from '../../components/Icon';
import { AttachmentZone, OTHER_CATEGORIES } from './AttachmentZone';
import { ConflictBanner, StateBanner } from './Banners';
import { ConfirmDialog } from './ConfirmDialog';
import { DeliverDialog } from './DeliverDialog';
import { DraftStatePill } from './DraftStatePill';
import { EditorToolbar } from './EditorToolbar';
import { EnablingTimeCard } from './EnablingTimeCard';
import { EarlierDeliveryPicker } from './EarlierDeliveryPicker';
import { ReturnReasonBanner } from './ReturnReasonBanner';
import { issuePlace, proofIssueText, type IssueContext } from './issue-text';
import { ItemField } from './ItemField';
import { fieldOf, firstProblemField, openingFocus, reveal } from './focus-field';
import { SowCard } from './SowCard';
import { useProofs } from './use-proofs';

export function ProofEditor() {
  const t = useT();
  const lang = useLanguage();
  const id = useId();
  const { proofs, clock, detail, nav } = useStores();
  const editor = useProofs((s) => s.editor);
  const now = useNow();
  const [confirming, setConfirming] = useState<'deliver' | 'delete' | null>(null);
  const [otherCategory, setOtherCategory] = useState<string | null>(null);
  const [fixFirst, setFixFirst] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  // Bumped to take focus to the first problem once the revealed problems are rendered.
  const [toProblem, setToProblem] = useState(0);

  // Never lose an edit: flush on leaving the editor, on hiding the window, on Ctrl+S; ask before closing the tab.
  useEffect(() => {
    const state = () => proofs.getState();
    const onUnload = (e: BeforeUnloadEvent) => {
      if (!state().hasUnsaved()) return;
      void state().flush();
      e.preventDefault();
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') void state().flush();
    };
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void state().flush();
      }
    };
    window.addEventListener('beforeunload', onUnload);
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('keydown', onKey);
      void state().flush();
    };
  }, [proofs]);

  const data = editor?.data ?? null;
  const items = useMemo(() => new Map((data?.template.items ?? []).map((i) => [i.key, i])), [data?.template]);
  // Keyboard: a draft that opens takes focus to its first field (the heading when read-only), not to the page's top.
  const loadedDraft = data?.draft.id ?? null;
  useEffect(() => {
    if (loadedDraft && rootRef.current && !rootRef.current.contains(document.activeElement))
      openingFocus(rootRef.current)?.focus();
  }, [loadedDraft]);
  useEffect(() => {
    if (toProblem && rootRef.current) reveal(firstProblemField(rootRef.current));
  }, [toProblem]);
  if (!editor) return null;
  // "Back" returns where the editor was opened from: the order (Service Supervision, that order selected) or the list.
  const back = async () => {
    const from = nav.getState().editorFrom;
    await proofs.getState().close();
    if (from) {
      void detail.getState().open(from);
      nav.getState().go('supervision');
    }
  };
  if (!data) {
    return (
      <div className="page proof-page" data-testid="proof-editor" aria-busy={editor.loading}>
        {editor.error ? (
          <div className="notice notice-error" role="alert">
            {t('editor.loadFailed', { message: editor.error.message })}
          </div>
        ) : (
          <p className="muted">{t('editor.loading')}</p>
        )}
        <button type="button" className="btn" onClick={() => void back()} data-testid="editor-back">
          {t('editor.back')}
        </button>
      </div>
    );
  }

  const { draft, order, template } = data;
  const readOnly = draft.state === 'queued' || draft.state === 'delivered';
  const bounds = { placedAt: order.placedAt, now };
  const all = localIssues(
    template,
    { content: editor.content, attachments: draft.attachments, enablingTime: editor.enablingTime },
    bounds,
  );
  const shown = issuesByKey([
    ...all.filter(
      (i) =>
        editor.showAll ||
        editor.touched[i.key] ||
        (editor.touched.attachments && (items.get(i.key)?.kind === 'attachment' || i.key === 'attachments')),
    ),
    ...editor.serverIssues,
  ]);
  const ctx: IssueContext = { items, lang, placedAt: order.placedAt, now };
  const problems = (key: string): string[] => [
    ...new Set((shown.get(key) ?? []).map((i) => proofIssueText(t, i, ctx))),
  ];
  // An enabling time is a deliberate choice: its V4 problem shows at once, touched or not (a draft may open with it).
  const enablingProblems = [
    ...new Set([
      ...all.filter((i) => i.key === 'enablingTime').map((i) => proofIssueText(t, i, ctx)),
      ...problems('enablingTime'),
    ]),
  ];
  // P1–P3, V4: an invalid draft produces neither a SOW nor a proof package (main refuses them too).
  const blocking = blockingIssues(template, all).length;
  const showFirstProblem = () => {
    proofs.getState().revealAll();
    setToProblem((n) => n + 1);
  };
  const showProblem = (key: string) => {
    proofs.getState().revealAll();
    if (rootRef.current) reveal(fieldOf(rootRef.current, key));
  };
  const itemCategories = new Set(
    template.items.filter((i) => i.kind === 'attachment').map((i) => i.attachmentCategory ?? 'other'),
  );
  const others = OTHER_CATEGORIES.filter((c) => !itemCategories.has(c));
  const otherCat = others.find((c) => c === otherCategory) ?? others[0];

  const deliver = async () => {
    await proofs.getState().flush();
    proofs.getState().revealAll();
    clock.getState().tick();
    setFixFirst(all.length > 0);
    if (all.length > 0) {
      setToProblem((n) => n + 1);
      return;
    }
    setConfirming('deliver');
  };

  return (
    <div
      className="page proof-page"
      data-testid="proof-editor"
      data-draft-id={draft.id}
      data-state={draft.state}
      ref={rootRef}
    >
      <header className="page-header proof-header">
        <div className="proof-heading">
          <button
            type="button"
            className="btn btn-ghost btn-small proof-back"
            onClick={() => void back()}
            data-testid="editor-back"
          >
            <Icon name="chevron" size={14} className="rot90" />
            {t('editor.back')}
          </button>
          <div className="proof-title-row">
            <h1 title={order.productName} tabIndex={-1}>
              {t('editor.title')} <span className="proof-product">· {order.productName}</span>
            </h1>
            <DraftStatePill state={draft.state} />
          </div>
          <p className="page-sub proof-sub">
            <button
              type="button"
              className="link mono"
              onClick={() => {
                void detail.getState().open(order.orderLineId);
                nav.getState().go('supervision');
              }}
            >
              {order.orderLineId}
            </button>
            <span>· {order.customerName}</span>
            <span>· {formatAmount(order.amountMinor, order.currency, lang)}</span>
            <span>· {t('editor.templateVersion', { v: template.templateVersion })}</span>
            <StageBadge stage={order.stage} />
          </p>
        </div>
        <EditorToolbar
          editor={editor}
          readOnly={readOnly}
          problems={all.length}
          blocking={blocking}
          onDeliver={() => void deliver()}
          onDelete={() => setConfirming('delete')}
        />
      </header>

      <StateBanner data={data} />
      <ConflictBanner data={data} content={editor.content} busy={editor.busy} />
      <ReturnReasonBanner data={data} />
      {editor.notice && !(editor.notice.key === 'deliver.queued' && draft.state !== 'queued') && (
        <div
          className={`notice proof-banner notice-${editor.notice.tone}`}
          role={editor.notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="editor-notice"
        >
          <span className="grow">{t(editor.notice.key, editor.notice.params)}</span>
          <button
            type="button"
            className="icon-btn"
            onClick={() => proofs.getState().dismissNotice()}
            aria-label={t('dialog.close')}
          >
            <Icon name="close" size={15} />
          </button>
        </div>
      )}
      {fixFirst && all.length > 0 && !readOnly && (
        <div className="notice notice-error proof-banner" role="alert" data-testid="fix-first">
          {/* The sentence's full stop comes from the language's own string (。 in Chinese). */}
          {t('deliver.fixFirstCount', { problems: t('editor.problems', { n: all.length }) })}
        </div>
      )}
      {editor.moveResult && (
        <div className="notice proof-banner notice-good" role="status" data-testid="move-result">
          {t('conflict.moved', {
            v: editor.moveResult.toVersion,
            carried: editor.moveResult.carried.length,
            dropped: editor.moveResult.dropped.length,
            required: editor.moveResult.newRequired.length,
          })}
        </div>
      )}

      <div className="proof-scroll">
        <div className="proof-grid">
          <div className="proof-main">
            <section className="card proof-card" aria-labelledby={`${id}-criteria`}>
              <div className="proof-card-head">
                <div>
                  <h2 id={`${id}-criteria`}>{t('editor.criteria')}</h2>
                  <p className="field-hint">{t('editor.criteriaHint')}</p>
                </div>
                <label className="field proof-label-field">
                  <span className="field-label">{t('editor.label')}</span>
                  <input
                    className="input"
                    value={editor.label}
                    placeholder={t('editor.labelPlaceholder')}
                    disabled={readOnly}
                    onChange={(e) => proofs.getState().setLabel(e.target.value)}
                    data-testid="draft-label"
                  />
                </label>
              </div>
              {readOnly && <p className="notice small">{t('editor.readOnly')}</p>}
              <EarlierDeliveryPicker data={data} />
              {template.items.map((item) => (
                <ItemField
                  key={item.key}
                  item={item}
                  value={editor.content[item.key]}
                  onChange={(v) => proofs.getState().setValue(item.key, v)}
                  disabled={readOnly}
                  problems={problems(item.key)}
                  badge={
                    editor.moveResult?.newRequired.some((n) => n.key === item.key)
                      ? t('conflict.newBadge', { v: template.templateVersion })
                      : null
                  }
                  generation={editor.generation}
                />
              ))}
            </section>

            <section className="card proof-card" aria-labelledby={`${id}-other`} data-testid="other-files">
              <h2 id={`${id}-other`}>{t('editor.otherFiles')}</h2>
              <p className="field-hint">{t('editor.otherFilesHint')}</p>
              <AttachmentZone
                id={`${id}-other-zone`}
                category={otherCat}
                categories={others}
                onCategory={(c) => setOtherCategory(c)}
                disabled={readOnly}
              />
              {problems('attachments').map((p, i) => (
                <p key={i} className="field-error" role="alert">
                  {p}
                </p>
              ))}
            </section>
          </div>

          {/* A column of the editor's own form, not complementary content: no second complementary landmark. */}
          <div className="proof-aside">
            <EnablingTimeCard
              order={order}
              value={editor.enablingTime}
              now={now}
              disabled={readOnly}
              problems={enablingProblems}
              onChange={(ms) => {
                clock.getState().tick();
                proofs.getState().setEnablingTime(ms);
              }}
            />
            <SowCard
              doc={editor.sow}
              revision={draft.revision}
              attached={editor.sowAttachedRevision === draft.revision}
              busy={editor.busy}
              disabled={readOnly}
              blocking={blocking}
              onShowProblem={showFirstProblem}
            />
            {!readOnly && (
              <section className="card proof-side-card" data-testid="readiness">
                <h2>
                  <Icon
                    name={all.length ? 'alert' : 'check'}
                    size={16}
                    className={all.length ? 'warn-icon' : 'good-icon'}
                  />
                  {all.length ? t('editor.problems', { n: all.length }) : t('editor.ready')}
                </h2>
                {all.length > 0 && (
                  <ul className="readiness-list">
                    {all.map((i, n) => (
                      <li key={n}>
                        <button
                          type="button"
                          className="link readiness-link"
                          onClick={() => showProblem(i.key)}
                          title={t('editor.problemLinkHint')}
                          data-testid="readiness-problem"
                          data-key={i.key}
                        >
                          <strong>{issuePlace(t, i.key, items)}</strong> — {proofIssueText(t, i, ctx)}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
                {blocking > 0 && (
                  <p className="muted small" id="outputs-blocked" data-testid="outputs-blocked">
                    {t('editor.outputsBlocked')}{' '}
                    <button type="button" className="link" onClick={showFirstProblem} data-testid="first-problem">
                      {t('editor.firstProblem')}
                    </button>
                  </p>
                )}
              </section>
            )}
          </div>
        </div>
      </div>

      {confirming === 'deliver' && (
        <DeliverDialog
          data={data}
          content={editor.content}
          enablingTime={editor.enablingTime}
          now={now}
          busy={editor.busy === 'submit'}
          onClose={() => setConfirming(null)}
          onConfirm={() => {
            void proofs
              .getState()
              .submit()
              .then(() => setConfirming(null));
          }}
        />
      )}
      {confirming === 'delete' && (
        <ConfirmDialog
          title={t('editor.deleteTitle')}
          confirmLabel={t('editor.delete')}
          danger
          busy={editor.busy === 'delete'}
          onClose={() => setConfirming(null)}
          onConfirm={() => {
            void proofs
              .getState()
              .deleteDraft()
              .then(() => setConfirming(null));
          }}
          testId="delete-dialog"
        >
          <p className="muted">{t('editor.deleteBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
