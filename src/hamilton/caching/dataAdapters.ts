/**
 * How the cache tells data loaders' and savers' nodes apart, and versions what they return (Hamilton's
 * `HamiltonCacheAdapter`, which reads the tags every loader and saver node carries). A loader returns
 * `[data, metadata]`, and the metadata (a file's size, a load timestamp) changes on every load, so the
 * pair is versioned by its data alone. A saver returns metadata only: it runs for what it writes, so its
 * result is not fingerprinted; its data version is the constant `<name>__metadata`.
 */
import type { Node } from '../node';
import type { Unversioned } from './fingerprint';
import { hashStrings } from './fingerprint';

/** Whether a node with these tags is one of a data loader's nodes (`dataloader`, `loadFrom`, `from.*`). */
export const isDataLoader = (tags: Node['tags']): boolean => tags['hamilton.data_loader'] === 'true';

/** Whether a node with these tags is a data saver (`datasaver`, `saveTo`, `to.*`). */
export const isDataSaver = (tags: Node['tags']): boolean => tags['hamilton.data_saver'] === 'true';

/**
 * The name of the node a loader's node loads (`x` for `x.loader` and `load_data.x`; the parameter for
 * `loadFrom`'s nodes), or undefined for a node that is no loader's.
 */
export function loadedNode(node: Node): string | undefined {
  if (!isDataLoader(node.tags)) return undefined;
  const loaded = node.tags['hamilton.data_loader.node'];
  return typeof loaded === 'string' ? loaded : undefined;
}

/** Whether the node returns a loader's `[data, metadata]` pair (rather than the data selected from it). */
const returnsLoaded = (node: Node): boolean =>
  isDataLoader(node.tags) && node.tags['hamilton.data_loader.has_metadata'] === 'true';

/**
 * The data version of `result`, the value `node` returned: `version(result)` for most nodes; for a
 * saver, `<name>__metadata`; for a loader's `[data, metadata]`, one derived from the data's version
 * alone, distinct from the data's own version (under which the node selecting the data stores the data).
 */
export function resultVersion(
  node: Node,
  result: unknown,
  version: (value: unknown) => string | Unversioned,
): string | Unversioned {
  if (isDataSaver(node.tags)) return `${node.name}__metadata`;
  if (!returnsLoaded(node) || !Array.isArray(result) || result.length !== 2) return version(result);
  const data = version(result[0]);
  return typeof data === 'string' ? hashStrings(['loaded with metadata', data]) : data;
}
