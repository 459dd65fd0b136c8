/**
 * Every temperature and fan the kernel's hwmon drivers publish (/sys/class/hwmon, see the
 * kernel's Documentation/ABI/testing/sysfs-class-hwmon): coretemp per core and package, k10temp
 * Tctl/Tccd, nvme Composite, acpitz, amdgpu edge/junction/mem, iwlwifi, the board's fans.
 * `sensor.temp_celsius[<chip>/<label>]` and `sensor.fan_rpm[<chip>/<label>]`, where the label is
 * the driver's (`Package id 0`, `Tctl`) or the input's name (`temp1`, `fan2`). No child process.
 *
 * Two chips of one name (two NVMe drives, two sockets) are told apart by their device
 * (`nvme0`, `coretemp.1`), which stays put across reboots where hwmon numbers do not.
 *
 * @example
 * await new LinuxHwmonCollector().collect() // { 'sensor.temp_celsius[coretemp/Package id 0]': 47, 'sensor.fan_rpm[thinkpad/fan1]': 2400 }
 */
import { realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { seriesKey } from '../../../../shared/metrics.js';
import { naturalCompare } from '../../../../shared/text-collation.js';
import type { Collector, Values } from '../types.js';
import { readProcDir as list, readProcNumber, readProcText } from './read-proc.js';
import type { SysfsOptions } from './temperature-linux.js';

export interface HwmonChip {
  /** The hwmon folder, e.g. /sys/class/hwmon/hwmon3. */
  readonly dir: string;
  /** What the series call it: the driver's name, or its device where two share a name. */
  readonly chip: string;
}

/** The chips, in a stable order (by device), each with a name no other chip has. */
export async function hwmonChips(sysRoot: string): Promise<HwmonChip[]> {
  const base = join(sysRoot, 'class/hwmon');
  const found: { dir: string; name: string; device: string }[] = [];
  for (const entry of (await list(base)).sort(naturalCompare)) {
    const dir = join(base, entry);
    const name = (await readProcText(dir, 'name'))?.trim();
    if (!name) continue;
    const device = await realpath(join(dir, 'device')).catch(() => dir);
    found.push({ dir, name, device });
  }
  found.sort((a, b) => naturalCompare(a.device, b.device));
  const count = new Map<string, number>();
  for (const chip of found) count.set(chip.name, (count.get(chip.name) ?? 0) + 1);
  const devices = new Set(found.map((c) => basename(c.device)));
  return found.map((chip, i) => {
    if (count.get(chip.name) === 1) return { dir: chip.dir, chip: chip.name };
    const device = basename(chip.device);
    const distinct = devices.size === found.length && device !== basename(chip.dir);
    return { dir: chip.dir, chip: distinct ? device : `${chip.name}-${i}` };
  });
}

/** Millidegrees to °C, one decimal; a disconnected input (0, -128, 255 and the like) is left out. */
function celsius(milli: number | undefined): number | undefined {
  if (milli === undefined) return undefined;
  const value = milli / 1000;
  return value > 0 && value < 150 ? Math.round(value * 10) / 10 : undefined;
}

/** The inputs of one kind (`temp`, `fan`) with their labels, in number order. */
async function inputs(dir: string, files: readonly string[], kind: 'temp' | 'fan') {
  const pattern = kind === 'temp' ? /^temp(\d+)_input$/ : /^fan(\d+)_input$/;
  const found: { label: string; value: number | undefined }[] = [];
  for (const file of files.filter((f) => pattern.test(f)).sort(naturalCompare)) {
    const n = pattern.exec(file)![1];
    const label = (await readProcText(dir, `${kind}${n}_label`))?.trim() || `${kind}${n}`;
    found.push({ label, value: await readProcNumber(dir, file) });
  }
  return found;
}

export class LinuxHwmonCollector implements Collector {
  readonly name = 'hwmon';
  readonly cadence = 'slow';
  private readonly sysRoot: string;
  private chips: HwmonChip[] | undefined;
  /** Fans that have turned at least once: a header with nothing plugged in reads 0 for ever. */
  private readonly spinning = new Set<string>();

  constructor(options: SysfsOptions = {}) {
    this.sysRoot = options.sysRoot ?? '/sys';
  }

  async collect(): Promise<Values> {
    // Chips come and go only with hardware and modules; their list is read once per session.
    this.chips ??= await hwmonChips(this.sysRoot);
    const values: Values = {};
    for (const { dir, chip } of this.chips) {
      const files = await list(dir);
      for (const { label, value } of await inputs(dir, files, 'temp')) {
        const c = celsius(value);
        if (c !== undefined) values[seriesKey('sensor.temp_celsius', `${chip}/${label}`)] = c;
      }
      for (const { label, value } of await inputs(dir, files, 'fan')) {
        const key = seriesKey('sensor.fan_rpm', `${chip}/${label}`);
        if (value === undefined || value < 0 || value > 50_000) continue;
        if (value > 0) this.spinning.add(key);
        if (this.spinning.has(key)) values[key] = value;
      }
    }
    return values;
  }

  reset(): void {
    // Readings are not rates: nothing to forget after a gap.
  }
}
