/**
 * Turns the operating system's error codes into messages a user can act on: where the export was
 * going, what went wrong in words, and what to do. `ExportWriteError` keeps the original code
 * (and error as `cause`) for callers and tests.
 *
 * @example
 * explainWriteError('/media/usb/day.csv', Object.assign(new Error('write failed'), { code: 'ENOSPC' }))
 * // ExportWriteError: cannot write the export to /media/usb/day.csv: the disk is full (ENOSPC):
 * //   free some space or choose another folder
 */

/** An export that failed while checking, writing or finishing its output. */
export class ExportWriteError extends Error {
  override readonly name = 'ExportWriteError';

  constructor(
    message: string,
    /** The system error code (ENOSPC, EACCES, …), or 'EUNKNOWN'. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What the code means, and what to do about it. */
const CAUSES: Readonly<Record<string, readonly [string, string]>> = {
  ENOSPC: ['the disk is full', 'free some space or choose another folder'],
  EDQUOT: ['the disk quota is used up', 'free some space or choose another folder'],
  EFBIG: ['the file is larger than the file system allows', 'export a shorter range or choose another disk'],
  EACCES: ['permission denied', 'choose a folder you can write to, or change its permissions'],
  EPERM: ['the operation is not permitted', 'choose a folder you can write to, or change its permissions'],
  EROFS: ['the file system is read-only', 'choose a folder on a writable disk'],
  ENOENT: ['the folder does not exist', 'create it first or choose an existing folder'],
  ENOTDIR: ['a part of the path is a file, not a folder', 'check the path or choose another folder'],
  EISDIR: ['the path is a folder', 'give a file name inside the folder'],
  ENAMETOOLONG: ['the file name is too long', 'choose a shorter name or path'],
  EMFILE: ['too many files are open', 'close some programs and try again'],
  ENFILE: ['too many files are open on the system', 'close some programs and try again'],
  EIO: ['the disk reported an input/output error', 'check the disk (it may be failing or unplugged)'],
  EPIPE: ['the program reading the output stopped (broken pipe)', 'keep the reader running until the export ends'],
  ECONNRESET: ['the program reading the output closed the connection', 'keep the reader running until the export ends'],
  EBUSY: ['the file is in use by another program', 'close it there or choose another name'],
  EEXIST: ['a file with the temporary name is in the way', 'remove leftover .partial files from the folder'],
};

/** The target as a user knows it: `-` means standard output. */
function describeTarget(path: string): string {
  return path === '-' ? 'standard output' : path;
}

/** An ExportWriteError for a failed file-system or stream operation; passes one through unchanged. */
export function explainWriteError(path: string, error: unknown): ExportWriteError {
  if (error instanceof ExportWriteError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? CAUSES[code] : undefined;
  const target = describeTarget(path);
  if (known) {
    const [what, todo] = known;
    return new ExportWriteError(`cannot write the export to ${target}: ${what} (${code}): ${todo}`, code as string, {
      cause: error,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ExportWriteError(
    `cannot write the export to ${target}: ${detail}: check the destination and try again`,
    typeof code === 'string' ? code : 'EUNKNOWN',
    { cause: error },
  );
}

/** A problem found before writing (e.g. the target is a folder), with the same message shape. */
export function writeProblem(path: string, code: string): ExportWriteError {
  return explainWriteError(path, Object.assign(new Error(code), { code }));
}
