import { describe, expect, it } from 'vitest';
import { DownloadProgress } from './download-progress.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, write: (text: string) => chunks.push(text) };
}

describe('DownloadProgress', () => {
  it('writes one line per tenth of the file to a log, whatever the chunk sizes', () => {
    const out = stream(false);
    const progress = new DownloadProgress(out);
    progress.start('electron.zip', 'https://mirror.example');
    for (let received = 0; received <= 100_000_000; received += 4_000_000) progress.update(received, 100_000_000);
    progress.finish();
    expect(out.chunks).toEqual([
      'Downloading electron.zip from https://mirror.example\n',
      '    0%  0.0 of 100.0 MB\n',
      '   12%  12.0 of 100.0 MB\n',
      '   20%  20.0 of 100.0 MB\n',
      '   32%  32.0 of 100.0 MB\n',
      '   40%  40.0 of 100.0 MB\n',
      '   52%  52.0 of 100.0 MB\n',
      '   60%  60.0 of 100.0 MB\n',
      '   72%  72.0 of 100.0 MB\n',
      '   80%  80.0 of 100.0 MB\n',
      '   92%  92.0 of 100.0 MB\n',
      '  100%  100.0 of 100.0 MB\n',
    ]);
  });

  it('rewrites one line in place on a terminal, and ends it', () => {
    const out = stream(true);
    const progress = new DownloadProgress(out);
    progress.start('electron.zip', 'https://mirror.example');
    progress.update(1_500_000, 3_000_000);
    progress.update(3_000_000, 3_000_000);
    progress.finish();
    progress.finish(); // a second finish adds nothing
    expect(out.chunks.join('')).toBe(
      'Downloading electron.zip from https://mirror.example\n\r   50%  1.5 of 3.0 MB\r  100%  3.0 of 3.0 MB\n',
    );
  });

  it('counts megabytes when the server gives no size', () => {
    const out = stream(false);
    const progress = new DownloadProgress(out);
    progress.start('electron.zip', 'https://mirror.example');
    for (const received of [1_000_000, 9_000_000, 10_000_000, 25_000_000]) progress.update(received, null);
    expect(out.chunks.slice(1)).toEqual(['  1.0 MB\n', '  10.0 MB\n', '  25.0 MB\n']);
  });

  it('ignores updates outside a download', () => {
    const out = stream(false);
    new DownloadProgress(out).update(5, 10);
    expect(out.chunks).toEqual([]);
  });
});
