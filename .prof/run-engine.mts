import { main } from '../src/main/cli/main.js';
setTimeout(() => process.kill(process.pid, 'SIGINT'), Number(process.argv[2] ?? 60) * 1000);
const code = await main(['run', '--db', '/tmp/tickprof2/d.db', '--interval', '1s', '--quiet']);
console.log('exit', code);
