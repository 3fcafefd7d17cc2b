// Only for the type checker: in the step's workspace, features.ts sits beside the streaming example's client.ts.
export type { FeatureStoreClient } from '../../streaming/client';
