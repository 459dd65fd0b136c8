/**
 * The contract's handlers, gathered from the modules: every method served by exactly one module.
 * A method nobody serves, or two modules claiming one, is a programming error found when the
 * engine is built (and by the type of ../modules.ts before that).
 *
 * @example
 * const handlers = mergeHandlers([{ name: 'diagnostics', methods: ['diagnostics'], handlers }]);
 */
import { METHOD_NAMES, type DashlightHandlers, type MethodName } from '../../../shared/contract.js';

export interface ServingModule {
  readonly name: string;
  readonly methods: readonly MethodName[];
  readonly handlers: Partial<DashlightHandlers>;
}

export function mergeHandlers(modules: readonly ServingModule[]): DashlightHandlers {
  const merged: Partial<Record<MethodName, unknown>> = {};
  const owner = new Map<MethodName, string>();
  for (const module of modules) {
    for (const method of module.methods) {
      const other = owner.get(method);
      if (other) throw new Error(`engine modules "${other}" and "${module.name}" both serve "${method}"`);
      const handler = module.handlers[method];
      if (typeof handler !== 'function')
        throw new Error(`engine module "${module.name}" declares "${method}" but has no handler for it`);
      owner.set(method, module.name);
      merged[method] = handler;
    }
  }
  const missing = METHOD_NAMES.filter((method) => !owner.has(method));
  if (missing.length > 0) throw new Error(`no engine module serves ${missing.map((m) => `"${m}"`).join(', ')}`);
  return merged as DashlightHandlers;
}
