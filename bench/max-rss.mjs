/**
 * Preloaded into a child process by the `scale` bench (`node --import ./bench/max-rss.mjs …`):
 * on exit, writes the process's peak resident set size in bytes to DASHLIGHT_BENCH_RSS_FILE.
 * `resourceUsage().maxRSS` is the kernel's own high-water mark, so no peak falls between polls.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.DASHLIGHT_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
