/**
 * Test suites that need a Debian-packaged server. docs/ARCHITECTURE.md: "a suite whose system dependency is
 * missing must say so loudly". So when the binary is missing the suite is skipped with a warning
 * naming the package, except in CI (`CI` set, as `.ci/run` does), where it fails instead: there the
 * dependencies are installed first, so a missing one is a broken machine, not a choice.
 *
 * @example
 * describeWithBinary('victoria-metrics', 'VictoriaMetrics harness', (binary) => {
 *   it('starts', async () => { const vm = await startVictoriaMetrics({ binary }); await vm.stop(); });
 * });
 */
import { describe, it } from 'vitest';
import { DEBIAN_PACKAGES, findBinary, type SystemBinary } from './system-binary.js';

export function describeWithBinary(name: SystemBinary, title: string, suite: (binary: string) => void): void {
  const binary = findBinary(name);
  if (binary !== null) {
    describe(title, () => suite(binary));
    return;
  }
  const message = `${name} is not installed: apt-get install ${DEBIAN_PACKAGES[name]}`;
  if (process.env.CI) {
    describe(title, () => {
      it(`needs the Debian package ${DEBIAN_PACKAGES[name]}`, () => {
        throw new Error(`${message} (CI installs it in .ci/run; a missing one fails the run)`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console -- a skipped suite must say why, loudly (docs/ARCHITECTURE.md, Tests).
  console.warn(`SKIPPED "${title}": ${message}`);
  describe.skip(title, () => suite(''));
}
