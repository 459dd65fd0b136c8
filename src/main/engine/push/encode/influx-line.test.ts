import { describe, expect, it } from 'vitest';
import { encodeInfluxLine, escapeMeasurement, escapeTag, influxFieldName } from './influx-line.js';
import { META, T0, reorderValues, smallBatch, testTarget } from './test-support.js';

const target = testTarget('influx');

describe('encodeInfluxLine', () => {
  it('writes one line per timestamp and tag set, with host and entity tags and ms timestamps', () => {
    const encoded = encodeInfluxLine(smallBatch(), META, target);
    expect(encoded.contentType).toBe('text/plain; charset=utf-8');
    expect(encoded.body.toString('utf8')).toBe(
      [
        `dashlight,core=0,host=desk cpu_core=20 ${T0}`,
        `dashlight,core=1,host=desk cpu_core=5.25 ${T0}`,
        `dashlight,device=sda,host=desk disk_read=4096 ${T0}`,
        `dashlight,gpu=0,host=desk gpu_util=33 ${T0}`,
        `dashlight,host=desk cpu_total=12.5,cpu_user=8,net_rx=2048 ${T0}`,
        `dashlight,host=desk,interface=eth0 net_rx=2048,net_tx=512 ${T0}`,
        `dashlight,host=desk,mount=/mnt/my\\ disk\\,x\\=y fs_used=1000000000,fs_used_pct=40.5 ${T0}`,
        // Second sample: cpu.user is NaN (skipped), the mounts were not measured (no line).
        `dashlight,host=desk cpu_total=13 ${T0 + 1000}`,
        `dashlight,host=desk,interface=eth0 net_rx=100 ${T0 + 1000}`,
        '',
      ].join('\n'),
    );
    expect(encoded.points).toBe(13);
  });

  it('is byte-identical for the same batch, whatever the key insertion order', () => {
    const a = encodeInfluxLine(smallBatch(), META, target).body;
    expect(encodeInfluxLine(smallBatch(), META, target).body.equals(a)).toBe(true);
    expect(encodeInfluxLine(reorderValues(smallBatch()), META, target).body.equals(a)).toBe(true);
  });

  it("uses the target's measurement and escapes the host", () => {
    const custom = testTarget('influx', { influx: { ...target.influx, measurement: 'resmon' } });
    const text = encodeInfluxLine([{ ts: T0, values: { 'load.1': 0.5 } }], { ...META, host: 'my pc,1' }, custom);
    expect(text.body.toString()).toBe(`resmon,host=my\\ pc\\,1 load_1=0.5 ${T0}\n`);
  });

  it('writes floats Influx parses: shortest decimal or exponent form, no integer suffix', () => {
    const values = { 'mem.used': 1e21, 'cpu.total': 1e-7, 'cpu.user': -0, 'cpu.system': 3, 'cpu.iowait': -Infinity };
    expect(encodeInfluxLine([{ ts: T0, values }], META, target).body.toString()).toBe(
      `dashlight,host=desk cpu_system=3,cpu_total=1e-7,cpu_user=0,mem_used=1e+21 ${T0}\n`,
    );
  });

  it('leaves out empty tag values and rounds a fractional timestamp', () => {
    const text = encodeInfluxLine([{ ts: T0 + 0.4, values: { 'fs.used[]': 1 } }], { ...META, host: '' }, target);
    expect(text.body.toString()).toBe(`dashlight fs_used=1 ${T0}\n`);
  });

  it('gives an unknown family the fallback entity tag', () => {
    const text = encodeInfluxLine([{ ts: T0, values: { 'npu.util[0]': 7 } }], META, target);
    expect(text.body.toString()).toBe(`dashlight,entity=0,host=desk npu_util=7 ${T0}\n`);
  });

  it('encodes an empty batch as an empty body', () => {
    expect(encodeInfluxLine([], META, target)).toMatchObject({ points: 0, body: Buffer.alloc(0) });
  });
});

describe('line-protocol escaping', () => {
  it('escapes measurement commas and spaces only', () => {
    expect(escapeMeasurement('a b,c=d')).toBe('a\\ b\\,c=d');
  });

  it('escapes tag commas, equals signs and spaces', () => {
    expect(escapeTag('/mnt/my disk,x=y')).toBe('/mnt/my\\ disk\\,x\\=y');
    expect(escapeTag('Local Disk (D:)')).toBe('Local\\ Disk\\ (D:)');
  });

  it('doubles a backslash only where it would escape a separator or end the value', () => {
    expect(escapeTag('C:\\Users')).toBe('C:\\Users');
    expect(escapeTag('C:\\')).toBe('C:\\\\');
    expect(escapeTag('a\\ b')).toBe('a\\\\\\ b');
  });

  it('turns newlines into (escaped) spaces, since nothing can escape a line end', () => {
    expect(escapeTag('a\nb\r')).toBe('a\\ b\\ ');
  });

  it('names fields after the metric with underscores', () => {
    expect(influxFieldName('cpu.total')).toBe('cpu_total');
    expect(influxFieldName('net.rx_total')).toBe('net_rx_total');
  });
});
