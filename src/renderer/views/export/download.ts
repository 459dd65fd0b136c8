/**
 * Starts a browser download from a URL the way a click on `<a download>` would, for the export's
 * automatic download once it is written.
 */
export function startDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
