import { describe, expect, it } from 'vitest';
import { defaultFileName, exportFieldOfIssue, newExportId, withExtension } from './export-form.js';

describe('export form helpers', () => {
  const now = new Date(2026, 0, 31, 14, 5, 59).getTime();

  it('names the file after the local time and the format', () => {
    expect(defaultFileName('csv', now)).toBe('dashlight-20260131-1405.csv');
    expect(withExtension('dashlight-20260131-1405.csv', 'ndjson')).toBe('dashlight-20260131-1405.ndjson');
    expect(withExtension('report', 'json')).toBe('report.json');
  });

  it('makes ids the contract accepts, with or without randomUUID', () => {
    expect(newExportId()).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const id = newExportId({
      randomUUID: () => '123e4567-e89b-12d3-a456-426614174000' as const,
      getRandomValues: <T extends ArrayBufferView | null>(a: T) => a,
    });
    expect(id).toBe('123e4567-e89b-12d3-a456-426614174000');
    const insecure = newExportId({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => a });
    expect(insecure).toMatch(/^[0-9a-f]{32}$/);
  });

  it('maps issue paths to fields', () => {
    expect(exportFieldOfIssue('path')).toBe('fileName');
    expect(exportFieldOfIssue('metrics.0')).toBe('metrics');
    expect(exportFieldOfIssue('id')).toBeNull();
  });
});
