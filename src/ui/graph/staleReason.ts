import type { StaleReasonInfo } from '../../worker/protocol';

/** Why a node ran (or would run again) instead of being reused from the cache, in words. */
export function staleReasonText(reason: StaleReasonInfo): string {
  switch (reason.kind) {
    case 'code':
      return 'its code changed';
    case 'upstream':
      return `upstream ${reason.node ?? 'a node'} changed`;
    case 'input':
      return `input ${reason.node ?? ''} changed`;
    case 'new':
      return 'it had not run before';
    case 'evicted':
      return 'its cached value was evicted';
    case 'unhashable':
      return `${reason.node ?? 'an input'} cannot be fingerprinted`;
    case 'behavior':
      return 'its cache behaviour makes it always run';
  }
}
