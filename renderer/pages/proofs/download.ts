// Hands bytes to the browser as a file download (the browser host's exports, the SOW PDF): a blob: URL on a
// temporary link, revoked right after. No remote content, nothing the CSP has to allow beyond blob:.
import { base64ToBytes } from '../../lib/proof-view';

export function downloadBase64(fileName: string, contentType: string, dataBase64: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(dataBase64)], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
