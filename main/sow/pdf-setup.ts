// The start every PDF drawn with this pipeline shares (the statement of work, the bill PDF): a pdf-lib document
// with no automatic metadata, zlib deflate, the preparsed fontkit and both faces embedded as subsets; and the
// text styles both documents use, at a given body size.
import { PDFDocument } from 'pdf-lib';
import type { SowFonts } from './fonts';
import { preparsedFontkit } from './fontkit-adapter';
import { deflateWithZlib } from './pdf-deflate';
import { COLOR, type Face, type TextStyle } from './page-flow';

export interface PdfSetup {
  doc: PDFDocument;
  regular: Face;
  bold: Face;
}

export async function createPdf(fonts: SowFonts): Promise<PdfSetup> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  deflateWithZlib(doc);
  doc.registerFontkit(preparsedFontkit([fonts.regular, fonts.bold]));
  const regular: Face = {
    loaded: fonts.regular,
    pdf: await doc.embedFont(fonts.regular.bytes, { subset: true, customName: fonts.regular.pdfName }),
  };
  const bold: Face = {
    loaded: fonts.bold,
    pdf: await doc.embedFont(fonts.bold.bytes, { subset: true, customName: fonts.bold.pdfName }),
  };
  return { doc, regular, bold };
}

export interface BaseStyles {
  title: TextStyle;
  heading: TextStyle;
  body: TextStyle;
  bold: TextStyle;
  muted: TextStyle;
  small: TextStyle;
  header: TextStyle;
  /** Row labels of key–value blocks: the body size, so label and value share a baseline. */
  label: TextStyle;
}

/** Title, heading, small and table header are the same in every document; body, bold and label share `bodySize`. */
export function baseStyles(regular: Face, bold: Face, bodySize: number, mutedSize: number): BaseStyles {
  return {
    title: { face: bold, size: 19 },
    heading: { face: bold, size: 11.5, color: COLOR.accent },
    body: { face: regular, size: bodySize },
    bold: { face: bold, size: bodySize },
    muted: { face: regular, size: mutedSize, color: COLOR.muted },
    small: { face: regular, size: 7.8, color: COLOR.muted },
    header: { face: bold, size: 8.5 },
    label: { face: bold, size: bodySize, color: COLOR.label },
  };
}
