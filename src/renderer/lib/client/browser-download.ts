/**
 * Starts a browser download from a URL the way a click on `<a download>` would: the headless
 * server streams an export into it as the export is produced (see http-client.ts).
 *
 * @example
 * startDownload('/api/download/5f0c', 'cpu-day.csv');
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
