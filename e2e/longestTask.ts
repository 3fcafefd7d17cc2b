/**
 * The page's longest main-thread task in a browser test: recorded on the test's report, not asserted.
 * Speed is the benchmarks' to judge (`npm run bench -- hostile` holds each hostile workload to the
 * 200 ms budget); a test on a loaded machine would fail on the machine, not on the product.
 */
import { test, type Page } from '@playwright/test';
import { LONGEST_TASK_MS, longestTask } from '../scripts/bench/longTasks';

/** Notes the longest task since the last reset on the report, flagged when it passes the budget. */
export async function noteLongestTask(page: Page, what: string): Promise<number> {
  const ms = await longestTask(page);
  const over = ms > LONGEST_TASK_MS ? ` (over the ${LONGEST_TASK_MS} ms budget)` : '';
  test
    .info()
    .annotations.push({
      type: 'longest main-thread task',
      description: `${what}: ${Math.round(ms)} ms${over}`,
    });
  return ms;
}
