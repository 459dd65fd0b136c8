// The GitHub Actions workflows cannot run here (no GitHub runners, no Electron download), so
// `npm test` checks them: actionlint for everything it knows, then what only this repository can
// tell (scripts, projects, files and jobs the steps name), then what the workflows promise.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  actionlint,
  checkWorkflow,
  triggers,
  type Workflow,
  type WorkflowContext,
} from './test-support/workflow-checks.js';

const ROOT = join(import.meta.dirname, '..');
const WORKFLOWS = ['.github/workflows/ci.yml', '.github/workflows/release.yml'];
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const load = (path: string) => parse(read(path)) as Workflow;

const context: WorkflowContext = {
  scripts: new Set(Object.keys((JSON.parse(read('package.json')) as { scripts: object }).scripts)),
  projects: new Set([...read('vitest.config.ts').matchAll(/\bname: '([\w-]+)'/g)].map((match) => match[1]!)),
  exists: (path) => existsSync(join(ROOT, path)),
  workflow: (path) => (existsSync(join(ROOT, path)) ? load(path) : null),
};
const lint = actionlint();

describe('the workflows', () => {
  it.each(WORKFLOWS)('%s passes actionlint', async (path) => {
    expect(await lint(read(path), path)).toEqual([]);
  });

  it.each(WORKFLOWS)('%s runs only scripts, projects, files and jobs that exist', (path) => {
    expect(checkWorkflow(load(path), context)).toEqual([]);
  });

  it('ci.yml runs on every push and pull request, and can be called', () => {
    const ci = load('.github/workflows/ci.yml');
    expect(triggers(ci)).toEqual(expect.arrayContaining(['push', 'pull_request', 'workflow_call']));
    expect(ci.on).toMatchObject({ push: { branches: ['**'] } });
  });

  it('ci.yml lints, typechecks and runs the unit, component and e2e suites on Debian with .ci/run’s packages', () => {
    const checks = load('.github/workflows/ci.yml').jobs.checks!;
    expect(checks.container).toMatchObject({ image: 'debian:12' });
    const runs = (checks.steps ?? []).map((step) => step.run ?? '').join('\n');
    const packages =
      read('.ci/run')
        .match(/^PACKAGES=\(([^)]*)\)/m)?.[1]
        ?.trim()
        .split(/\s+/) ?? [];
    expect(packages.length).toBeGreaterThan(0);
    const installed = runs.match(/apt-get install[^\n]*/)?.[0].split(/\s+/) ?? [];
    expect(installed).toEqual(expect.arrayContaining(packages));
    for (const command of ['npm run lint', 'npm run typecheck', 'npm run build']) expect(runs).toContain(command);
    expect(runs).toContain('--project unit --project components --project e2e');
  });

  it('ci.yml fetches Electron as npm start does and runs the smoke suite on Linux (Xvfb), macOS and Windows', () => {
    const smoke = load('.github/workflows/ci.yml').jobs.smoke!;
    const oses = (smoke.strategy?.matrix?.os ?? []) as string[];
    expect(oses.map((os) => os.split('-')[0])).toEqual(['ubuntu', 'macos', 'windows']);
    expect(smoke.env?.DASHLIGHT_SMOKE_REQUIRED).toBe('1'); // a missing binary fails, never skips
    const runs = (smoke.steps ?? []).map((step) => step.run ?? '');
    const fetch = runs.findIndex((run) => run.includes('node scripts/start.js --no-build --no-launch'));
    const smokeRuns = runs.flatMap((run, index) => (run.includes('npm run test:smoke') ? [index] : []));
    expect(fetch).toBeGreaterThanOrEqual(0);
    expect(smokeRuns.length).toBe(2);
    expect(smokeRuns.every((index) => index > fetch)).toBe(true);
    expect(runs[smokeRuns[0]!]).toBe('xvfb-run -a npm run test:smoke');
  });

  it('release.yml runs the whole CI workflow before building any installer', () => {
    const release = load('.github/workflows/release.yml');
    expect(release.jobs.ci?.uses).toBe('./.github/workflows/ci.yml');
    const builders = Object.entries(release.jobs).filter(([id]) => id !== 'ci');
    expect(builders.length).toBeGreaterThan(0);
    for (const [, job] of builders) expect([job.needs].flat()).toContain('ci');
  });
});

describe('the workflow checks themselves', () => {
  it('actionlint reports a broken workflow', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: ghost\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
    const findings = await lint(broken, 'broken.yml');
    expect(findings.map((finding) => finding.kind).sort()).toEqual(['expression', 'job-needs']);
  });

  it('name the scripts, projects, files, jobs and called workflows that do not exist', () => {
    const broken = parse(`
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    needs: [ghost]
    steps:
      - run: npm run nope && npx vitest run --project nowhere
      - run: node scripts/missing.js
  b:
    uses: ./.github/workflows/missing.yml
  c:
    uses: ./.github/workflows/release.yml
`) as Workflow;
    expect(checkWorkflow(broken, context)).toEqual([
      'job "a" needs "ghost", which is not a job of this workflow',
      'job "a": "npm run nope" runs a script package.json does not have',
      'job "a": "--project nowhere" names no vitest project',
      'job "a": "node scripts/missing.js" runs a file that does not exist',
      'job "b" calls .github/workflows/missing.yml, which does not exist',
      'job "c" calls .github/workflows/release.yml, which has no "on: workflow_call"',
    ]);
  });
});
