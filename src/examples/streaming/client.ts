import { config } from 'hamilton';

/**
 * Stands in for the feature store service a streaming job would call (the playground has no network):
 * aggregations stored by the last batch run, and each client's last login, answered asynchronously.
 */
class FeatureStoreClient {
  private readonly stored: Record<string, number> = { age_mean: 44.98, age_stddev: 16.63 };
  private readonly logins = new Map([
    [2, '2024-05-20T08:00:00.000Z'],
    [5, '2024-05-31T12:00:00.000Z'],
  ]);

  /** A stored aggregation. */
  async query(key: string): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const value = this.stored[key];
    if (value === undefined) throw new Error(`no stored aggregation named ${key}`);
    return value;
  }

  /** The last login of each client, or null for a client never seen. */
  async lastLogins(clientIds: readonly number[]): Promise<(string | null)[]> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return clientIds.map((id) => this.logins.get(id) ?? null);
  }
}

export type { FeatureStoreClient };

/** The feature store client (streaming mode only). */
export const client = config.when({ mode: 'streaming' })(function client(): FeatureStoreClient {
  return new FeatureStoreClient();
});
