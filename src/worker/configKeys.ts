/** The config keys a project's decorators read (`config.when` and friends), for the config toggles. */
import { modifiersOf } from '../hamilton/function_modifiers/base';
import type { ConfigKey } from './protocol';

/** The config keys decorators read, with the values they compare against, in first-seen order. */
export function configKeysOf(modules: readonly object[]): ConfigKey[] {
  const keys = new Map<string, Set<string>>();
  const visit = (fn: Function) => {
    for (const modifier of modifiersOf(fn)) {
      for (const key of modifier.configKeys ?? []) {
        const values = keys.get(key) ?? new Set<string>();
        keys.set(key, values);
        for (const v of modifier.configValues?.[key] ?? []) values.add(String(v));
      }
    }
  };
  for (const mod of modules) {
    for (const value of Object.values(mod)) {
      if (typeof value === 'function') {
        visit(value);
        // Static methods of exported classes are nodes too.
        for (const key of Object.getOwnPropertyNames(value)) {
          const member = (value as unknown as Record<string, unknown>)[key];
          if (typeof member === 'function' && key !== 'constructor') visit(member);
        }
      }
    }
  }
  return [...keys].map(([key, values]) => ({ key, values: [...values] }));
}
