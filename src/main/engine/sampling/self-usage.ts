/**
 * The engine's own cost: CPU % of one core since the last reading and resident memory.
 * Dashlight shows this in its status so users can check the monitor is not the load.
 *
 * @example
 * const meter = new SelfUsage(); ...; meter.read() // { cpuPercent: 0.3, rssBytes: 52_000_000 }
 */
export class SelfUsage {
  private lastCpu = process.cpuUsage();
  private lastWall = performance.now();
  private lastPercent = 0;

  read(): { cpuPercent: number; rssBytes: number } {
    const wall = performance.now();
    const elapsedMs = wall - this.lastWall;
    // Readings closer than a second apart are noise; keep the previous figure.
    if (elapsedMs >= 1000) {
      const cpu = process.cpuUsage(this.lastCpu);
      this.lastPercent = ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100;
      this.lastCpu = process.cpuUsage();
      this.lastWall = wall;
    }
    return { cpuPercent: this.lastPercent, rssBytes: process.memoryUsage.rss() };
  }
}
