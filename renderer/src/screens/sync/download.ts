/**
 * Offers text as a file download: a Blob behind an `<a download>` clicked from script. A blob: URL
 * made by the page itself is a download, not a navigation, so the CSP (which allows blob: only for
 * images and media) does not stand in the way.
 */
export function offerDownload(
  fileName: string,
  content: string,
  doc: Document = document,
  urls: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'> = URL,
): void {
  const blob = new Blob([content], { type: 'text/plain;charset=utf-8' });
  const href = urls.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The browser has read the blob by the time the click's download starts; free it a little later.
  setTimeout(() => urls.revokeObjectURL(href), 60_000);
}
