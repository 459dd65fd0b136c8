// Ends every run with one plain line, `N passed, N failed, N skipped`, that CI logs can read
// without parsing vitest's coloured summary; before it, one line per test skipped with a reason
// (`ctx.skip(condition, note)`), so a run says what it did not check and why.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const notRun: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') counts.passed++;
        else if (result.state === 'failed') counts.failed++;
        else counts.skipped++;
        if (result.state === 'skipped' && result.note) notRun.push(`${test.fullName}: ${result.note}`);
      }
      // A file that failed to load has no tests but must not read as a clean run.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) counts.failed++;
    }
    for (const line of notRun) process.stdout.write(`\nskipped ${line}`);
    process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
