/**
 * The rule editor's form: what the fields hold, how a stored rule fills them, and how they become
 * the `saveRule` input. Validation is the engine's (the shared schema); issue paths map back to
 * fields with `fieldOfIssue`.
 *
 * @example
 * const form = formFromRule(rule);
 * form.warning = 85;
 * await client.saveRule(ruleInputFromForm(form, existingIds));
 */
import {
  processRuleSeries,
  slugify,
  type AlertRule,
  type AlertRuleInput,
  type Comparator,
  type ProcessCondition,
  type Severity,
} from '../../../shared/alert-rules.js';
import { METRICS, parseSeriesKey, type MetricName } from '../../../shared/metrics.js';
import { formatDuration } from '../../../shared/time.js';

/** Every field of the editor; number inputs hold null when empty. */
export interface RuleForm {
  /** Null for a new rule; the engine replaces the rule with this id on save. */
  id: string | null;
  kind: 'threshold' | 'forecast' | 'process';
  name: string;
  metric: string;
  entity: string;
  comparator: Comparator;
  warning: number | null;
  critical: number | null;
  for: string;
  clear: number | null;
  repeat: string;
  cooldown: string;
  /** '' = no guard. */
  whenMetric: string;
  whenEquals: number | null;
  enabled: boolean;
  within: string;
  severity: Severity;
  /** Process rules: an app's name, or a regular expression for the command line. */
  processMatch: 'app' | 'command';
  processTarget: string;
  condition: ProcessCondition;
  /** Forecast settings the editor does not show, kept as they were. */
  lookback: number | null;
  minPoints: number | null;
  minFit: number | null;
}

export type RuleField = Exclude<keyof RuleForm, 'id' | 'lookback' | 'minPoints' | 'minFit'>;

export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** Metrics a `when` guard can watch: machine-wide ones (a guard names one series). */
export const GUARD_METRICS = METRIC_NAMES.filter((name) => !METRICS[name].perEntity);

/** The editor's choices, as `SelectField` options, and each select's id and label. */
export const RULE_KINDS = [
  { value: 'threshold', label: 'Threshold' },
  { value: 'forecast', label: 'Forecast (disk filling up)' },
  { value: 'process', label: 'Process (not running, CPU, memory)' },
] as const;
export const PROCESS_MATCHES = [
  { value: 'app', label: 'App or executable name' },
  { value: 'command', label: 'Command line matching' },
] as const;
export const CONDITIONS = [
  { value: 'not-running', label: 'is not running' },
  { value: 'cpu-above', label: 'uses CPU above' },
  { value: 'memory-above', label: 'uses memory above' },
] as const;
/** The editor asks for memory levels in MiB; rules hold bytes. */
export const MIB = 1024 * 1024;
export const COMPARATORS = [
  { value: 'above', label: 'above' },
  { value: 'below', label: 'below' },
] as const;
export const SEVERITIES = [
  { value: 'warning', label: 'warning' },
  { value: 'critical', label: 'critical' },
] as const;
export const METRIC_OPTIONS = METRIC_NAMES.map((name) => ({ value: name, label: `${METRICS[name].label} (${name})` }));
export const GUARD_OPTIONS = [
  { value: '', label: 'Always' },
  ...GUARD_METRICS.map((name) => ({ value: name, label: `${METRICS[name].label} (${name})` })),
];

export function isPerEntity(metric: string): boolean {
  return (METRICS as Record<string, { perEntity: boolean }>)[metric]?.perEntity ?? false;
}

export function emptyForm(): RuleForm {
  return {
    id: null,
    kind: 'threshold',
    name: '',
    metric: 'cpu.total',
    entity: '',
    comparator: 'above',
    warning: null,
    critical: null,
    for: '',
    clear: null,
    repeat: '',
    cooldown: '5m',
    whenMetric: '',
    whenEquals: null,
    enabled: true,
    within: '24h',
    severity: 'warning',
    processMatch: 'app',
    processTarget: '',
    condition: 'not-running',
    lookback: null,
    minPoints: null,
    minFit: null,
  };
}

/** Durations as the text a person would type: 120000 → '2m'; nothing for zero or off. */
function durationText(ms: number | null): string {
  return ms === null || ms === 0 ? '' : formatDuration(ms);
}

export function formFromRule(rule: AlertRule): RuleForm {
  const { metric, entity } = parseSeriesKey(rule.kind === 'process' ? processRuleSeries(rule) : rule.metric);
  const base = {
    ...emptyForm(),
    id: rule.id,
    kind: rule.kind,
    name: rule.name,
    metric,
    entity: entity ?? '',
    repeat: durationText(rule.repeat),
    cooldown: rule.cooldown === 0 ? '0s' : durationText(rule.cooldown),
    enabled: rule.enabled,
  };
  if (rule.kind === 'process') {
    const scale = rule.condition === 'memory-above' ? MIB : 1;
    const level = (value: number | null) => (value === null ? null : value / scale);
    return {
      ...base,
      metric: 'cpu.total',
      entity: '',
      processMatch: rule.command === null ? 'app' : 'command',
      processTarget: rule.command ?? rule.app ?? '',
      condition: rule.condition,
      severity: rule.severity,
      warning: level(rule.warning),
      critical: level(rule.critical),
      clear: level(rule.clear),
      for: durationText(rule.for),
    };
  }
  if (rule.kind === 'forecast') {
    return {
      ...base,
      within: durationText(rule.within),
      severity: rule.severity,
      lookback: rule.lookback,
      minPoints: rule.minPoints,
      minFit: rule.minFit,
    };
  }
  return {
    ...base,
    comparator: rule.comparator,
    warning: rule.warning,
    critical: rule.critical,
    for: durationText(rule.for),
    clear: rule.clear,
    whenMetric: rule.when?.metric ?? '',
    whenEquals: rule.when?.equals ?? null,
  };
}

/** A fresh id for a new rule: its slug, numbered when another rule has it, so saving never replaces that one. */
export function uniqueRuleId(name: string, taken: readonly string[]): string {
  const base = slugify(name);
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 60)}-${n}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** Optional number inputs: empty (null) stays null; `NaN` would travel as null over HTTP anyway. */
function numberOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The `saveRule` input. Empty optional durations are left out so the schema's defaults apply. */
export function ruleInputFromForm(form: RuleForm, takenIds: readonly string[]): AlertRuleInput {
  const name = form.name.trim();
  const id = form.id ?? (name === '' ? undefined : uniqueRuleId(name, takenIds));
  const entity = form.entity.trim();
  const metric = isPerEntity(form.metric) && entity !== '' ? `${form.metric}[${entity}]` : form.metric;
  const common = {
    ...(id === undefined ? {} : { id }),
    name,
    metric,
    repeat: form.repeat.trim() === '' ? null : form.repeat.trim(),
    ...(form.cooldown.trim() === '' ? {} : { cooldown: form.cooldown.trim() }),
    enabled: form.enabled,
  };
  if (form.kind === 'process') {
    const { metric: _metric, ...rest } = common;
    const running = form.condition === 'not-running';
    const scale = form.condition === 'memory-above' ? MIB : 1;
    const level = (value: number | null) => {
      const n = numberOrNull(value);
      return n === null ? null : n * scale;
    };
    const target = form.processTarget.trim();
    return {
      ...rest,
      kind: 'process',
      app: form.processMatch === 'app' ? target : null,
      command: form.processMatch === 'command' ? target : null,
      condition: form.condition,
      severity: form.severity,
      ...(running ? {} : { warning: level(form.warning), critical: level(form.critical), clear: level(form.clear) }),
      ...(form.for.trim() === '' ? {} : { for: form.for.trim() }),
    };
  }
  if (form.kind === 'forecast') {
    return {
      ...common,
      kind: 'forecast',
      ...(form.within.trim() === '' ? {} : { within: form.within.trim() }),
      severity: form.severity,
      ...(form.lookback === null ? {} : { lookback: form.lookback }),
      ...(form.minPoints === null ? {} : { minPoints: form.minPoints }),
      ...(form.minFit === null ? {} : { minFit: form.minFit }),
    };
  }
  return {
    ...common,
    kind: 'threshold',
    comparator: form.comparator,
    warning: numberOrNull(form.warning),
    critical: numberOrNull(form.critical),
    ...(form.for.trim() === '' ? {} : { for: form.for.trim() }),
    clear: numberOrNull(form.clear),
    // An empty "equals" goes as null, so the engine names that field rather than the guard vanishing.
    when: form.whenMetric === '' ? null : { metric: form.whenMetric, equals: numberOrNull(form.whenEquals) as number },
  };
}

const FIELDS = new Set<string>([
  'kind',
  'name',
  'metric',
  'comparator',
  'warning',
  'critical',
  'for',
  'clear',
  'repeat',
  'cooldown',
  'enabled',
  'within',
  'severity',
]);

/** The editor field an issue path belongs to (`when.equals` → whenEquals); null when none shows it. */
export function fieldOfIssue(path: string): RuleField | null {
  if (path === 'app' || path === 'command') return 'processTarget';
  if (path === 'condition') return 'condition';
  if (path === 'when' || path === 'when.metric') return 'whenMetric';
  if (path === 'when.equals') return 'whenEquals';
  const head = path.split('.')[0]!;
  return FIELDS.has(head) ? (head as RuleField) : null;
}

/** People's names of the fields, for the error summary. */
export const FIELD_LABELS: Record<RuleField, string> = {
  kind: 'Kind',
  name: 'Name',
  metric: 'Metric',
  entity: 'Entity',
  comparator: 'Condition',
  warning: 'Warning',
  critical: 'Critical',
  for: 'For',
  clear: 'Clear level',
  repeat: 'Repeat',
  cooldown: 'Cooldown',
  whenMetric: 'Only when',
  whenEquals: 'Equals',
  enabled: 'Enabled',
  within: 'Within',
  severity: 'Severity',
  processMatch: 'Match by',
  processTarget: 'Process',
  condition: 'When it',
};

export const KIND = { id: 'rule-kind', label: 'Kind', options: RULE_KINDS };
export const METRIC = { id: 'rule-metric', label: 'Metric', options: METRIC_OPTIONS };
export const SEVERITY = { id: 'rule-severity', label: 'Severity', options: SEVERITIES };
export const COMPARATOR = { id: 'rule-comparator', label: 'Condition', options: COMPARATORS };
export const PROCESS_MATCH = { id: 'rule-process-match', label: 'Match by', options: PROCESS_MATCHES };
export const CONDITION = { id: 'rule-condition', label: 'When it', options: CONDITIONS };
export const GUARD = {
  id: 'rule-when',
  label: 'Only when (optional)',
  hint: 'Evaluate the rule only while this series has a value.',
  options: GUARD_OPTIONS,
};
