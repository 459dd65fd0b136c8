import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkPages, PageReadError, pageReadFailure, QueryFailures } from './page-check.js';
import { dbIn, middleLeaf, overwrite, PAGE_BYTES, useTempDir } from './test-support.js';

/** What a read of /d/x.db the disk failed says, with SQLite's code; /d is no mount of a failed file system. */
const readFailure = (code: string) =>
  `cannot read the database /d/x.db (${code}): the disk failed a read (an I/O error on the device); check the disk holding /d (the kernel's log, dmesg, says what failed; it may be failing or unplugged), repair it (unmount, fsck) or move the database to another disk with --db`;

describe('pageReadFailure', () => {
  it('reads the page SQLite could not get as the read the disk failed, with the extended code by name', () => {
    // As PRAGMA integrity_check printed it on a loop device cut short (EIO from read() is 8458).
    const problems = ['*** in database main ***', 'Tree 33 page 33: unable to get the page. error code=8458'];
    const failure = pageReadFailure(problems, '/d/x.db');
    expect(failure).toBeInstanceOf(PageReadError);
    expect(failure?.code).toBe('SQLITE_IOERR_CORRUPTFS');
    expect(failure?.problem).toBe('Tree 33 page 33: unable to get the page. error code=8458');
    expect(failure?.message).toBe(readFailure('SQLITE_IOERR_CORRUPTFS'));
    expect(pageReadFailure(['Tree 2 page 9: unable to get the page. error code=266'], '/d/x.db')?.code).toBe(
      'SQLITE_IOERR_READ',
    );
    expect(pageReadFailure(['Tree 2 page 9: unable to get the page. error code=10'], '/d/x.db')?.code).toBe(
      'SQLITE_IOERR',
    );
  });

  it('takes an overflow or free-list page it failed to get (no code is given there) as a failed read', () => {
    const failure = pageReadFailure(['On tree page 4 cell 2: failed to get page 812'], '/d/x.db');
    expect(failure?.message).toBe(readFailure('SQLITE_IOERR'));
  });

  it('leaves damage to the content, and a page not got for want of memory, to the caller', () => {
    expect(pageReadFailure(['ok'], '/d/x.db')).toBeNull();
    expect(
      pageReadFailure(
        [
          '*** in database main ***',
          'Tree 5 page 5 cell 0: invalid page number 900',
          'Page 7: btreeInitPage() returns error code 11',
          'row 3 missing from index samples_ts',
          'Tree 2 page 9: unable to get the page. error code=7',
        ],
        '/d/x.db',
      ),
    ).toBeNull();
  });

  it('finds a failed read after problems of content', () => {
    const problems = [
      'Page 7: btreeInitPage() returns error code 11',
      'Tree 9 page 40: unable to get the page. error code=522',
    ];
    expect(pageReadFailure(problems, '/d/x.db')?.code).toBe('SQLITE_IOERR_SHORT_READ');
  });
});

describe('checkPages', () => {
  const dir = useTempDir();

  function database(): { db: Database.Database; file: string } {
    const file = dbIn(dir);
    const db = new Database(file);
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t (v)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    // One transaction: 2,000 commits would be 2,000 fsyncs, which a busy shared disk took past 30 s.
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`value ${i} `.repeat(8));
    })();
    return { db, file };
  }

  it('answers ok for a sound file, from either pragma', () => {
    const { db, file } = database();
    expect(checkPages(db, 'quick_check', file)).toEqual(['ok']);
    expect(checkPages(db, 'integrity_check', file)).toEqual(['ok']);
    db.close();
  });

  it('returns the problems of damaged content without throwing: that is damage, not a failed read', () => {
    const { db, file } = database();
    const leaf = middleLeaf(db, 't');
    db.close();
    // Values at the end of a leaf page changed behind the index's back: the page itself is sound.
    overwrite(file, leaf * PAGE_BYTES - 60, Buffer.alloc(40, 0x5a));
    const reopened = new Database(file);
    const problems = checkPages(reopened, 'integrity_check', file);
    reopened.close();
    expect(problems.join('\n')).toMatch(/^row \d+ missing from index t_v$/m);
  });
});

describe('QueryFailures', () => {
  /** better-sqlite3's own error class, with SQLite's extended code. */
  const sqliteError = (code: string, message: string) => new Database.SqliteError(message, code);

  it('names an I/O error of a query as the failed read, without reading the file', () => {
    const reads: string[] = [];
    const failures = new QueryFailures('/d/x.db', (file) => (reads.push(file), null));
    const explained = failures.explain(sqliteError('SQLITE_IOERR_READ', 'disk I/O error'));
    expect(explained).toBeInstanceOf(PageReadError);
    expect((explained as PageReadError).message).toBe(readFailure('SQLITE_IOERR_READ'));
    expect((explained as PageReadError).problem).toBe('disk I/O error');
    expect(reads).toEqual([]);
  });

  it('takes "malformed" for the failed read the whole file meets', () => {
    const failed = new PageReadError('EIO', '/d/x.db', 'the read of /d/x.db at byte 40960 failed (EIO)');
    const failures = new QueryFailures('/d/x.db', () => failed);
    expect(failures.explain(sqliteError('SQLITE_CORRUPT', 'database disk image is malformed'))).toBe(failed);
  });

  it('reads the file once: after it read whole, "malformed" is damage and is thrown as it came', () => {
    const reads: string[] = [];
    const failures = new QueryFailures('/d/x.db', (file) => (reads.push(file), null));
    const first = sqliteError('SQLITE_CORRUPT', 'database disk image is malformed');
    const second = sqliteError('SQLITE_CORRUPT_INDEX', 'database disk image is malformed');
    expect(failures.explain(first)).toBe(first);
    expect(failures.explain(second)).toBe(second);
    expect(reads).toEqual(['/d/x.db']);
  });

  it('leaves other errors as they are, unread', () => {
    const reads: string[] = [];
    const failures = new QueryFailures('/d/x.db', (file) => (reads.push(file), null));
    const busy = sqliteError('SQLITE_BUSY', 'database is locked');
    const input = new RangeError('from must be before to');
    expect(failures.explain(busy)).toBe(busy);
    expect(failures.explain(input)).toBe(input);
    expect(reads).toEqual([]);
  });
});
