import { LinuxProcessTable } from '/work/wt/insight/src/main/engine/collect/processes/process-table-linux.ts';
const t = new LinuxProcessTable();
await t.read();
await new Promise(r => setTimeout(r, 1000));
const c0 = process.cpuUsage();
const s = await t.read();
console.log('pass cpu ms', (process.cpuUsage(c0).user + process.cpuUsage(c0).system)/1000);
console.log(s.elapsedMs, s.cores, s.processes.length);
const byApp = new Map<string, number>();
for (const p of s.processes) byApp.set(p.app.kind + ':' + p.app.name, (byApp.get(p.app.kind + ':' + p.app.name) ?? 0) + p.cpuCs);
console.log([...byApp].sort((a,b)=>b[1]-a[1]).slice(0,10));
console.log(s.processes.slice(0,5).map(p => ({pid: p.pid, app: p.app, exe: p.exe, cmd: p.command.slice(0,60), rss: p.rssBytes, io: p.ioBytes})));
for (let i=0;i<5;i++){ const c=process.cpuUsage(); await t.read(); const u=process.cpuUsage(c); console.log('pass', (u.user+u.system)/1000); }
await t.close();
