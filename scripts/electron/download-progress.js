// @ts-check
/**
 * Shows a download's progress on a stream: one line rewritten in place on a terminal, and on
 * anything else (CI logs, pipes) one line per tenth of the file, so a log shows that it moved
 * without hundreds of lines. Steps follow the bytes received, never the clock.
 *
 * @example
 * const progress = new DownloadProgress(process.stderr);
 * progress.start('electron-v45.4.1-linux-x64.zip', 'https://mirror.example');
 * progress.update(52_000_000, 112_000_000); // "  46%  52.0 of 112.0 MB"
 * progress.finish();
 */

const MB = 1_000_000;
/** Without a Content-Length, a line per this many bytes. */
const UNKNOWN_TOTAL_STEP = 10 * MB;

export class DownloadProgress {
  /**
   * @param {{ write(text: string): unknown; isTTY?: boolean }} stream
   * @param {{ tty?: boolean }} [options]
   */
  constructor(stream, options = {}) {
    this.stream = stream;
    this.tty = options.tty ?? Boolean(stream.isTTY);
    /** The last step printed (tenths, or 10 MB units without a total); -1 before the first. */
    this.step = -1;
    this.open = false;
  }

  /**
   * @param {string} file what is downloaded
   * @param {string} from where from (an origin or URL)
   */
  start(file, from) {
    this.finish();
    this.step = -1;
    this.open = true;
    this.stream.write(`Downloading ${file} from ${from}\n`);
  }

  /**
   * @param {number} transferred bytes received so far
   * @param {number | null} total the file's size, when the server said
   */
  update(transferred, total) {
    if (!this.open) return;
    const known = total !== null && total > 0;
    const line = known
      ? `  ${Math.floor((100 * transferred) / total)
          .toString()
          .padStart(3)}%  ${megabytes(transferred)} of ${megabytes(total)} MB`
      : `  ${megabytes(transferred)} MB`;
    if (this.tty) {
      this.stream.write(`\r${line}`);
      return;
    }
    const step = known ? Math.floor((10 * transferred) / total) : Math.floor(transferred / UNKNOWN_TOTAL_STEP);
    if (step === this.step) return;
    this.step = step;
    this.stream.write(`${line}\n`);
  }

  /** Ends the in-place line on a terminal. */
  finish() {
    if (this.open && this.tty) this.stream.write('\n');
    this.open = false;
  }
}

/** @param {number} bytes */
function megabytes(bytes) {
  return (bytes / MB).toFixed(1);
}
