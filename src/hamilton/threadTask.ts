/**
 * What a thread of the thread pool does with one task: build the driver from the task's module URLs and
 * config (once per thread and pair), then run the item's block with it.
 */
import { Driver } from './driver';
import { runItem } from './dynamic';
import type { ThreadTask } from './threads';

const drivers = new Map<string, Promise<Driver>>();

function driverFor(modules: readonly string[], config: ThreadTask['config']): Promise<Driver> {
  const key = JSON.stringify([modules, config]);
  let driver = drivers.get(key);
  if (!driver) {
    driver = Promise.all(modules.map((url) => import(/* @vite-ignore */ url) as Promise<object>)).then(
      (loaded) => new Driver(config, ...loaded),
    );
    drivers.set(key, driver);
  }
  return driver;
}

/** Runs one item's task in this thread; resolves with the collected node's value. */
export async function runThreadTask({ modules, config, task }: ThreadTask): Promise<unknown> {
  const driver = await driverFor(modules, config);
  return runItem(driver.graph, task);
}
