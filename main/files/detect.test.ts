import { describe, expect, it } from 'vitest';
import { samplePdf, samplePng } from '../../marketplace-sim/sample-files';
import { detectType } from './detect';
import { JPEG_BYTES, makeDocx, makeOle2, makeXlsx, makeZip } from './testing/samples';

describe('P3: attachment type detected from content, not name', () => {
  const cases: Array<[string, Buffer, string | null]> = [
    ['PDF', samplePdf('hello'), 'pdf'],
    ['PNG', samplePng('x'), 'png'],
    ['JPEG', JPEG_BYTES, 'jpeg'],
    ['DOC (OLE2 with WordDocument)', makeOle2(['WordDocument', '1Table']), 'doc'],
    ['XLS (OLE2 with Workbook)', makeOle2(['Workbook']), 'xls'],
    ['XLS (Excel 5 Book stream)', makeOle2(['Book']), 'xls'],
    ['DOCX (ZIP with [Content_Types].xml and word/)', makeDocx(), 'docx'],
    ['XLSX (ZIP with [Content_Types].xml and xl/)', makeXlsx(), 'xlsx'],
    [
      'plain ZIP',
      makeZip([
        ['readme.txt', 'hi'],
        ['word/not-ooxml.txt', 'no content types'],
      ]),
      'zip',
    ],
    ['empty ZIP', makeZip([]), 'zip'],
    ['PowerPoint (OLE2 without Word/Excel streams) is refused', makeOle2(['PowerPoint Document']), null],
    ['plain text is refused', Buffer.from('%PDF is not at the start of this text'), null],
    ['an EXE is refused', Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), null],
    ['a truncated ZIP (no central directory) is refused', makeDocx().subarray(0, 40), null],
    ['empty file is refused', Buffer.alloc(0), null],
  ];
  for (const [what, bytes, kind] of cases) {
    it(`${what} → ${kind ?? 'not allowed'}`, () => {
      expect(detectType(bytes)?.kind ?? null).toBe(kind);
    });
  }

  it('P3: content decides — a PNG named .pdf is a PNG, a ZIP named .docx without word/ is a ZIP', () => {
    expect(detectType(samplePng('named.pdf'))?.contentType).toBe('image/png');
    expect(detectType(makeZip([['[Content_Types].xml', '<Types/>']]))?.kind).toBe('zip');
  });
});
