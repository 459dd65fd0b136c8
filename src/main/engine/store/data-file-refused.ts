/**
 * Dashlight refused to use a data file: it is another application's, written by a newer Dashlight,
 * in use by another writer, not writable, or not a place for data at all. The message is one line
 * that says what the file is and what to do; the file was left exactly as it was.
 *
 * @example
 * throw new DataFileRefusedError('/home/me/notes.db is another application\'s SQLite database …');
 */
export class DataFileRefusedError extends Error {
  override readonly name = 'DataFileRefusedError';
}
