/**
 * A rule's thresholds as the evaluator uses them: which level a reading breaches, and the clear
 * levels that give hysteresis (a firing alert ends only once the value is clearly back).
 *
 * @example
 * const levels = levelsOf({ comparator: 'above', warning: 80, critical: 90, clear: null });
 * levels.levelOf(85) // 'warning'
 * levels.cleared(77) // false: 76 (80 less 5 %) is the default clear level
 */
import { defaultClearMargin, type Comparator, type Severity } from '../../../shared/alert-rules.js';

/** The parts of a rule the state machine needs; forecast rules are mapped onto this shape. */
export interface EvaluatedRule {
  readonly comparator: Comparator;
  readonly warning: number | null;
  readonly critical: number | null;
  readonly clear: number | null;
  /** ms the condition must hold before firing. */
  readonly for: number;
  /** ms between re-notifications while firing; null: notify once. */
  readonly repeat: number | null;
  /** ms after a firing notification during which a new firing is not notified again. */
  readonly cooldown: number;
}

export interface Levels {
  /** The most severe level `value` breaches, or null. */
  levelOf(value: number): Severity | null;
  /** True once a firing alert should resolve. */
  cleared(value: number): boolean;
  /** True once a critical alert should step back to warning (only when a warning level exists). */
  belowCritical(value: number): boolean;
  threshold(severity: Severity): number | null;
  readonly clearLevel: number;
}

export function levelsOf(rule: Pick<EvaluatedRule, 'comparator' | 'warning' | 'critical' | 'clear'>): Levels {
  const above = rule.comparator === 'above';
  const breaches = (value: number, limit: number) => (above ? value > limit : value < limit);
  const safe = (value: number, limit: number) => (above ? value < limit : value > limit);
  const lowest = rule.warning ?? rule.critical ?? 0;
  const clearLevel = rule.clear ?? (above ? lowest - defaultClearMargin(lowest) : lowest + defaultClearMargin(lowest));
  const critical = rule.critical;
  const criticalClear =
    critical === null
      ? null
      : above
        ? critical - defaultClearMargin(critical)
        : critical + defaultClearMargin(critical);
  return {
    clearLevel,
    levelOf(value) {
      if (critical !== null && breaches(value, critical)) return 'critical';
      if (rule.warning !== null && breaches(value, rule.warning)) return 'warning';
      return null;
    },
    cleared: (value) => safe(value, clearLevel),
    belowCritical: (value) => rule.warning !== null && criticalClear !== null && safe(value, criticalClear),
    threshold: (severity) => (severity === 'critical' ? critical : rule.warning),
  };
}
