// The statement of work PDF: order, service period, every template item with what
// was delivered, the attachment index and a sign-off block, in Chinese and English.
// Same input → byte-identical output: no clock, no randomness (fixed metadata dates, producer and
// font subset tags; pdf-lib's own resource names come from a seeded generator).
import { PDFDocument } from 'pdf-lib';
import { createFontCache, type SowFonts } from './fonts';
import { preparsedFontkit } from './fontkit-adapter';
import { deflateWithZlib } from './pdf-deflate';
import { COLOR, createFlow, type Face } from './page-flow';
import { drawItemsTable } from './sow-items';
import { DOC_TITLE, drawAttachmentIndex, drawFooters, drawHeading, drawOrderBlock, drawRunningHeader, drawSignOff, drawTitle, type SectionStyles } from './sow-sections';
import type { SowInput } from './sow-types';

export interface GenerateSowOptions {
  /** Parsed fonts to reuse across documents (see loadSowFonts); default: resources/fonts, loaded once. */
  fonts?: SowFonts;
}

const defaultFonts = createFontCache();

export async function generateSow(input: SowInput, options: GenerateSowOptions = {}): Promise<Uint8Array> {
  const fonts = options.fonts ?? (await defaultFonts());
  const doc = await PDFDocument.create({ updateMetadata: false });
  deflateWithZlib(doc);
  doc.registerFontkit(preparsedFontkit([fonts.regular, fonts.bold]));
  const regular: Face = { loaded: fonts.regular, pdf: await doc.embedFont(fonts.regular.bytes, { subset: true, customName: fonts.regular.pdfName }) };
  const bold: Face = { loaded: fonts.bold, pdf: await doc.embedFont(fonts.bold.bytes, { subset: true, customName: fonts.bold.pdfName }) };

  const s: SectionStyles = {
    title: { face: bold, size: 19 },
    heading: { face: bold, size: 11.5, color: COLOR.accent },
    body: { face: regular, size: 9.5 },
    bold: { face: bold, size: 9.5 },
    muted: { face: regular, size: 9, color: COLOR.muted },
    small: { face: regular, size: 7.8, color: COLOR.muted },
    header: { face: bold, size: 8.5 },
    label: { face: bold, size: 9.5, color: COLOR.label },
    mono: { face: regular, size: 7.6 },
  };

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
