/**
 * The run's node events, as the driver's lifecycle hooks see each node start and end: what the UI is
 * told (started, finished with a preview, failed with its error at the user's line) and what the run
 * keeps (start times, the nodes running, data-quality results, the first failure).
 */
import type { BuiltProject } from './build';
import type { Cutter } from './clip';
import { describeError } from './errors';
import { NODE_PREVIEW, previewValue } from './preview';
import type { CheckResult, StaleReasonInfo } from './protocol';
import type { SessionEnv } from './session';
import { validationOf } from './validations';

/** The run in progress, as the lifecycle adapter and the console see it. */
export interface ActiveRun {
  readonly id: number;
  readonly started: Map<string, number>;
  /** When the run started (`env.now()`): nodes' start times are sent relative to it. */
  readonly startedAt: number;
  readonly running: string[];
  readonly validations: CheckResult[];
  /** Live mode: why each node the cache cannot reuse runs. */
  readonly reasons: ReadonlyMap<string, readonly StaleReasonInfo[]>;
  /** The first node that failed: the run's error is that node's own error, which does not name it. */
  failed?: string;
}

/** What the hooks report into: the run in progress (none between runs), the UI, the project's stacks. */
interface NodeEventsContext {
  run(): ActiveRun | null;
  readonly env: Pick<SessionEnv, 'post' | 'now'>;
  readonly built: BuiltProject;
  readonly cut: Cutter;
}

/** The lifecycle adapter that turns node starts and ends into the UI's node events. */
export function nodeEvents(context: NodeEventsContext) {
  return {
    runBeforeNodeExecution: ({ nodeName, itemIndex }: { nodeName: string; itemIndex: number | null }) => {
      const run = context.run();
      if (!run) return;
      run.started.set(startKey(nodeName, itemIndex), context.env.now());
      // skippedNodes asks by name whether a node ran at all.
      if (!run.started.has(nodeName)) run.started.set(nodeName, context.env.now());
      run.running.push(nodeName);
      const reasons = run.reasons.get(nodeName);
      context.env.post({
        type: 'node-started',
        runId: run.id,
        node: nodeName,
        ...itemField(itemIndex),
        ...(reasons && { reasons }),
      });
    },
    runAfterNodeExecution: (ctx: {
      nodeName: string;
      nodeTags: Readonly<Record<string, unknown>>;
      result: unknown;
      error: unknown;
      success: boolean;
      itemIndex: number | null;
      fromCache: boolean;
    }) => {
      const run = context.run();
      if (!run) return;
      const started = run.started.get(startKey(ctx.nodeName, ctx.itemIndex));
      const durationMs = context.env.now() - (started ?? context.env.now());
      const startMs = (started ?? context.env.now()) - run.startedAt;
      const at = run.running.lastIndexOf(ctx.nodeName);
      if (at >= 0) run.running.splice(at, 1);
      if (ctx.success) {
        const validation = validationOf(ctx.nodeName, ctx.nodeTags, ctx.result);
        if (validation) run.validations.push(validation);
        const { preview, transfer } = previewValue(ctx.result, NODE_PREVIEW, ctx.nodeName, context.cut);
        context.env.post(
          {
            type: 'node-finished',
            runId: run.id,
            node: ctx.nodeName,
            durationMs,
            startMs,
            preview,
            ...itemField(ctx.itemIndex),
            ...(ctx.fromCache && { cached: true }),
          },
          transfer,
        );
      } else {
        run.failed ??= ctx.nodeName;
        context.env.post({
          type: 'node-failed',
          runId: run.id,
          node: ctx.nodeName,
          durationMs,
          startMs,
          error: describeError(ctx.error, context.built, context.cut),
          ...itemField(ctx.itemIndex),
        });
      }
    },
  };
}

/** Where a node's start time is kept: by name, and by name and item for the items of a parallel block. */
function startKey(nodeName: string, itemIndex: number | null): string {
  return itemIndex === null ? nodeName : `${nodeName}#${itemIndex}`;
}

/** The `item` field of a node event, for nodes that run once per item of a parallel block. */
function itemField(itemIndex: number | null): { item?: number } {
  return itemIndex === null ? {} : { item: itemIndex };
}
