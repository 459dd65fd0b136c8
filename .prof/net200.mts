import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { LinuxNetworkCollector } from '../src/main/engine/collect/linux/network-linux.js';
const root = mkdtempSync('/tmp/net200-');
mkdirSync(join(root, 'proc/net'), { recursive: true });
const names = ['eth0', ...Array.from({ length: 200 }, (_, i) => `${i % 2 ? 'lxc' : 'cali'}${(i * 2654435761).toString(16).padStart(11, '0').slice(-11)}`)];
for (const n of names) { const d = join(root, 'sys/class/net', n); mkdirSync(d, { recursive: true }); writeFileSync(join(d, 'type'), '1\n'); writeFileSync(join(d, 'uevent'), `INTERFACE=${n}\n`); if (n === 'eth0') mkdirSync(join(d, 'device')); }
const write = (t: number) => writeFileSync(join(root, 'proc/net/dev'), 'Inter-|\n face |\n' + names.map((n) => `${n.padStart(15)}: ${t * 1000} 10 0 0 0 0 0 0 ${t * 500} 10 0 0 0 0 0 0`).join('\n') + '\n');
const net = new LinuxNetworkCollector({ procRoot: join(root, 'proc'), sysRoot: join(root, 'sys') });
write(0); await net.collect(0);
const N = Number(process.env.N ?? 2000); let cpu = 0;
for (let i = 1; i <= N; i++) { if (process.env.WRITE) write(i); const u = process.cpuUsage(); await net.collect(i * 1000); const d = process.cpuUsage(u); cpu += d.user + d.system; }
console.log('network collect, 201 interfaces, CPU per call', (cpu / N).toFixed(0), 'µs');
