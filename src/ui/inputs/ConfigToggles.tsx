import type { ConfigKey, Json } from '../../worker/protocol';

/** One radio group per config key that decorators compare (`mode: batch | streaming`). */
export function ConfigToggles({
  keys,
  config,
  onPick,
}: {
  readonly keys: readonly ConfigKey[];
  readonly config: Readonly<Record<string, Json>>;
  readonly onPick: (key: string, value: string) => void;
}) {
  if (!keys.length) return null;
  return (
    <div className="config-toggles">
      {keys.map(({ key, values }) => (
        <fieldset key={key} className="segmented">
          <legend>{key}</legend>
          {values.map((value) => (
            <label key={value} className={config[key] === value ? 'checked' : undefined}>
              <input
                type="radio"
                name={`config-${key}`}
                value={value}
                checked={config[key] === value}
                onChange={() => onPick(key, value)}
              />
              {value}
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
