/**
 * The name a per-entity series' entity gets as an Influx tag or an OTLP attribute: one word per
 * metric family, so queries read naturally (`dashlight_net_rx{interface="eth0"}`,
 * `dashlight_fs_used_pct{mount="/"}`) and every family's label stays stable across metrics.
 */

/** By family, the part of the metric name before the first dot. */
const BY_FAMILY: Readonly<Record<string, string>> = {
  cpu: 'core', // cpu.core[3]
  net: 'interface', // net.rx[eth0], net.tx_total[wlan0]
  disk: 'device', // disk.read[sda], disk.write[nvme0n1]
  fs: 'mount', // fs.used[/home], fs.used_pct[C:]
  gpu: 'gpu', // gpu.util[0]
};

/**
 * A family the catalogue does not have yet still gets a label instead of being dropped.
 *
 * @example
 * entityTagName('npu.util') // 'entity'
 */
export const FALLBACK_ENTITY_TAG = 'entity';

/**
 * The tag/attribute name for the entity of a per-entity series of `metric`.
 *
 * @example
 * entityTagName('net.rx_total') // 'interface'
 * entityTagName('fs.used_pct') // 'mount'
 */
export function entityTagName(metric: string): string {
  const dot = metric.indexOf('.');
  const family = dot < 0 ? metric : metric.slice(0, dot);
  return Object.hasOwn(BY_FAMILY, family) ? BY_FAMILY[family]! : FALLBACK_ENTITY_TAG;
}
