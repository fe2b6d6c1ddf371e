// The statement of work PDF: order, service period, every template item with what
// was delivered, the attachment index and a sign-off block, in Chinese and English.
// Same input → byte-identical output: no clock, no randomness (fixed metadata dates, producer and
// font subset tags; pdf-lib's own resource names come from a seeded generator).
import { createFontCache, type SowFonts } from './fonts';
import { createFlow } from './page-flow';
import { baseStyles, createPdf } from './pdf-setup';
import { drawItemsTable } from './sow-items';
import {
  DOC_TITLE,
  drawAttachmentIndex,
  drawFooters,
  drawHeading,
  drawOrderBlock,
  drawRunningHeader,
  drawSignOff,
  drawTitle,
  type SectionStyles,
} from './sow-sections';
import type { SowInput } from './sow-types';

export interface GenerateSowOptions {
  /** Parsed fonts to reuse across documents (see loadSowFonts); default: resources/fonts, loaded once. */
  fonts?: SowFonts;
}

const defaultFonts = createFontCache();

export async function generateSow(input: SowInput, options: GenerateSowOptions = {}): Promise<Uint8Array> {
  const fonts = options.fonts ?? (await defaultFonts());
  const { doc, regular, bold } = await createPdf(fonts);
  const s: SectionStyles = { ...baseStyles(regular, bold, 9.5, 9), mono: { face: regular, size: 7.6 } };

  const flow = createFlow(doc, (page) => drawRunningHeader(page, input, s));
  drawTitle(flow, input, s);
  drawHeading(flow, 'Order / 订单信息', s);
  drawOrderBlock(flow, input, s);
  flow.y -= 16;
  drawHeading(flow, 'Delivery items / 交付内容', s);
  drawItemsTable(flow, input.template.items, input.draft.content, input.attachments, { ...s, regular });
  flow.y -= 16;
  drawHeading(flow, 'Attachments / 附件清单', s);
  drawAttachmentIndex(flow, input, s);
  flow.y -= 18;
  drawSignOff(flow, input, s);
  drawFooters(flow.pages, input, s);
  for (const page of flow.pages) page.finish();

  const at = new Date(input.generatedAt);
  doc.setTitle(`${DOC_TITLE} — ${input.order.orderId}`);
  doc.setSubject(input.order.productName);
  doc.setAuthor(input.order.sellerName);
  doc.setKeywords([input.documentId, input.order.orderId, input.order.orderLineId]);
  doc.setProducer('Seller Desk');
  doc.setCreator('Seller Desk');
  doc.setLanguage('zh-CN');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  // objectsPerTick: pdf-lib otherwise yields with setTimeout(0) every 50 objects — idle milliseconds
  // for a short synchronous job. No object streams: pdf-lib compresses those with pako, a measured
  // ~30% of a warm SOW for ~3 KB saved (the large streams — fonts, pages — are zlib-compressed).
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
}
