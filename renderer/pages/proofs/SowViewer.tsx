// The statement of work full size: pdf.js draws each page into a canvas in the page itself, so the same viewer works
// in Electron and in the browser host (no PDF plug-in, no frame). pdf.js and its worker are files of the app's own
// bundle, loaded when the viewer first opens (no remote content; the CSP's 'self' covers the worker). A modal
// <dialog>: Esc closes, Page Up / Page Down turn pages, + / − zoom, 0 fits the width.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import type { SowDocument } from '../../../common/api/contract-proofs';
import { useT } from '../../i18n/use-t';
import { base64ToBytes } from '../../lib/proof-view';
import { Icon } from '../../components/Icon';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
/** PDF points → CSS pixels at 100 % (72 pt and 96 px per inch). */
const PT_TO_PX = 96 / 72;

type Zoom = number | 'fit';

async function loadPdfJs() {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs;
}

function nextZoom(current: number, dir: 1 | -1): number {
  if (dir > 0) return ZOOMS.find((z) => z > current + 0.001) ?? ZOOMS[ZOOMS.length - 1];
  return [...ZOOMS].reverse().find((z) => z < current - 0.001) ?? ZOOMS[0];
}

export function SowViewer({ doc, onClose }: { doc: SowDocument; onClose(): void }) {
  const t = useT();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState<Zoom>('fit');
  /** The scale last drawn (the fitted one when zoom is "fit"); shown as a percentage. */
  const [scale, setScale] = useState<number | null>(null);
  const [rendered, setRendered] = useState<number | null>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.focus();
  }, []);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | null = null;
    void loadPdfJs()
      .then((pdfjs) => {
        if (cancelled) return;
        // WebAssembly decoders are for image codecs a generated SOW does not use; none is fetched.
        const task = pdfjs.getDocument({ data: base64ToBytes(doc.dataBase64), useWasm: false });
        destroy = () => void task.destroy();
        return task.promise.then((d) => {
          if (!cancelled) setPdf(d);
        });
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(err instanceof Error ? err.message : String(err));
      });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [doc]);

  // "Fit width" follows the window's size.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const observer = new ResizeObserver(() => setWidth(body.clientWidth));
    observer.observe(body);
    setWidth(body.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!pdf || !canvas || width === 0) return;
    let task: RenderTask | null = null;
    let cancelled = false;
    void pdf.getPage(page).then((p) => {
      if (cancelled) return;
      const natural = p.getViewport({ scale: PT_TO_PX });
      const s = zoom === 'fit' ? Math.max(0.25, (width - 32) / natural.width) : zoom;
      const viewport = p.getViewport({ scale: s * PT_TO_PX });
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      setScale(s);
      setRendered(null);
      task = p.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      task.promise.then(
        () => {
          if (!cancelled) setRendered(page);
        },
        () => undefined, // cancelled by the next page or zoom
      );
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, page, zoom, width]);

  const pages = pdf?.numPages ?? 0;
  const go = useCallback(
    (delta: number) => setPage((p) => Math.min(Math.max(1, p + delta), Math.max(1, pages))),
    [pages],
  );
  const zoomBy = (dir: 1 | -1) => setZoom(nextZoom(scale ?? 1, dir));

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const keys: Record<string, () => void> = {
      PageDown: () => go(1),
      PageUp: () => go(-1),
      Home: () => setPage(1),
      End: () => setPage(Math.max(1, pages)),
      '+': () => zoomBy(1),
      '=': () => zoomBy(1),
      '-': () => zoomBy(-1),
      '0': () => setZoom('fit'),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
    if (e.key === 'PageDown' || e.key === 'PageUp') bodyRef.current?.scrollTo({ top: 0 });
  };

  const percent = scale === null ? null : Math.round(scale * 100);
  return (
    <dialog
      ref={dialogRef}
      className="dialog sow-viewer"
      onClose={onClose}
      onKeyDown={onKeyDown}
      aria-labelledby={`${id}-title`}
      tabIndex={-1}
      data-testid="sow-viewer"
      data-page={page}
      data-pages={pages}
      data-zoom={zoom === 'fit' ? 'fit' : String(zoom)}
    >
      <header className="sow-viewer-bar">
        <h2 id={`${id}-title`} className="grow">
          {t('sow.title')} <span className="muted mono small">{doc.fileName}</span>
        </h2>
        <div className="sow-viewer-tools" role="group" aria-label={t('viewer.keys')}>
          <button
            type="button"
            className="icon-btn"
            onClick={() => go(-1)}
            disabled={page <= 1}
            aria-label={t('viewer.prev')}
            title={t('viewer.prev')}
            data-testid="sow-viewer-prev"
          >
            <Icon name="chevron" size={16} className="rot90" />
          </button>
          <span className="sow-viewer-page" aria-live="polite" data-testid="sow-viewer-page">
            {pages > 0 ? t('viewer.page', { page, pages }) : t('viewer.loading')}
          </span>
          <button
            type="button"
            className="icon-btn"
            onClick={() => go(1)}
            disabled={page >= pages}
            aria-label={t('viewer.next')}
            title={t('viewer.next')}
            data-testid="sow-viewer-next"
          >
            <Icon name="chevron" size={16} className="rot270" />
          </button>
          <span className="sep" aria-hidden="true" />
          <button
            type="button"
            className="icon-btn"
            onClick={() => zoomBy(-1)}
            disabled={scale !== null && scale <= ZOOMS[0]}
            aria-label={t('viewer.zoomOut')}
            title={t('viewer.zoomOut')}
            data-testid="sow-viewer-zoom-out"
          >
            −
          </button>
          <span className="sow-viewer-zoom" data-testid="sow-viewer-zoom">
            {percent === null ? '' : t('viewer.zoom', { percent })}
          </span>
          <button
            type="button"
            className="icon-btn"
            onClick={() => zoomBy(1)}
            disabled={scale !== null && scale >= ZOOMS[ZOOMS.length - 1]}
            aria-label={t('viewer.zoomIn')}
            title={t('viewer.zoomIn')}
            data-testid="sow-viewer-zoom-in"
          >
            +
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => setZoom('fit')}
            aria-pressed={zoom === 'fit'}
            data-testid="sow-viewer-fit"
          >
            {t('viewer.fitWidth')}
          </button>
          <span className="sep" aria-hidden="true" />
          <button
            type="button"
            className="icon-btn"
            onClick={() => dialogRef.current?.close()}
            aria-label={t('dialog.close')}
            title={t('dialog.close')}
            data-testid="sow-viewer-close"
          >
            <Icon name="close" size={18} />
          </button>
        </div>
      </header>
      <p className="muted small sow-viewer-keys">{t('viewer.keys')}</p>
      {/* Focusable so a keyboard alone can scroll a zoomed page (WCAG 2.1.1); named (title and file name, unlike
          the SOW card's region) as it takes focus. */}
      <div className="sow-viewer-body" ref={bodyRef} tabIndex={0} role="region" aria-labelledby={`${id}-title`}>
        {error ? (
          <p className="notice notice-error" role="alert" data-testid="sow-viewer-error">
            {t('viewer.failed', { message: error })}
          </p>
        ) : (
          <canvas
            ref={canvasRef}
            className="sow-viewer-canvas"
            role="img"
            aria-label={pages > 0 ? t('viewer.page', { page, pages }) : t('viewer.loading')}
            data-testid="sow-viewer-canvas"
            data-rendered-page={rendered ?? undefined}
          />
        )}
      </div>
    </dialog>
  );
}
