/**
 * Picks the RowFormat for an export format name.
 *
 * @example
 * const format = createFormat('ndjson', { host: 'box', from, to, resolution: 'raw', valueColumns: ['cpu.total_pct'] });
 * format.columns // ['ts', 'ts_ms', 'cpu.total_pct']
 */
import type { ExportFormat } from '../../../shared/export.js';
import { CsvFormat } from './csv-format.js';
import { JsonFormat } from './json-format.js';
import { NdjsonFormat } from './ndjson-format.js';
import type { FormatHeader, RowFormat } from './row-format.js';

export function createFormat(format: ExportFormat, header: FormatHeader): RowFormat {
  switch (format) {
    case 'csv':
      return new CsvFormat(header);
    case 'json':
      return new JsonFormat(header);
    case 'ndjson':
      return new NdjsonFormat(header);
  }
}
