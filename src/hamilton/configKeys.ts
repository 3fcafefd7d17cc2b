/**
 * The config keys a set of modules reads, for tools that offer them as switches (the playground's
 * config toggles): what `config.when` and its kin compare, read from the decorators as the driver reads
 * the modules, so a function the driver skips (`_`-prefixed, not a function) adds nothing.
 */
import { modifiersOf } from './function_modifiers/base';
import { readModule, type HamiltonModule } from './modules';

/** A config key that decorators read, with the values they compare it to. */
export interface ConfigKeyUse {
  /** The key (`mode`). */
  readonly key: string;
  /** The values seen in the decorators, as text, in first-seen order (`['batch', 'streaming']`). */
  readonly values: readonly string[];
}

/**
 * Every config key the modules' decorators read, in first-seen order (module by module, functions by
 * export name, as the driver lists nodes). Throws what the driver would for a module it cannot read.
 */
export function configKeysOf(...modules: readonly HamiltonModule[]): ConfigKeyUse[] {
  const keys = new Map<string, Set<string>>();
  for (const mod of modules) {
    for (const { fn } of readModule(mod, () => {}).functions) {
      for (const modifier of modifiersOf(fn)) {
        for (const key of modifier.configKeys ?? []) {
          const values = keys.get(key) ?? new Set<string>();
          keys.set(key, values);
          for (const value of modifier.configValues?.[key] ?? []) values.add(String(value));
        }
      }
    }
  }
  return [...keys].map(([key, values]) => ({ key, values: [...values] }));
}
