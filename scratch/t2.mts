import { LinuxProcessTable } from '/work/wt/insight/src/main/engine/collect/processes/process-table-linux.ts';
const t = new LinuxProcessTable();
for (let i=0;i<20;i++) await t.read();
const c0 = process.cpuUsage(); const t0 = performance.now();
for (let i=0;i<100;i++) await t.read();
const u = process.cpuUsage(c0);
console.log('per pass cpu ms', (u.user+u.system)/1000/100, 'wall', (performance.now()-t0)/100);
await t.close();
