/**
 * What the About view shows: versions, where the files are, and whether the database is sound.
 *
 * @example
 * const d = await api.diagnostics({ integrity: true });
 * d.db.integrity; // 'ok', or the problems SQLite found
 */
export interface DiagnosticsResult {
  readonly version: string;
  readonly runtime: {
    readonly node: string;
    readonly v8: string;
    readonly sqlite: string;
    /** Present under Electron only. */
    readonly electron?: string;
    readonly chrome?: string;
  };
  readonly platform: string;
  readonly arch: string;
  readonly hostname: string;
  readonly dataDir: string;
  readonly logDir: string;
  readonly db: {
    readonly path: string;
    readonly sizeBytes: number;
    /** 'ok', the problems found (one per line), or null when not asked for (it reads the whole file). */
    readonly integrity: string | null;
    readonly quarantined: string | null;
  };
}
