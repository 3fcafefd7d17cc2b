/**
 * Lays big graphs out off the page's thread: a 5,000-node layout would block input for seconds. The page
 * sends layered.ts's input (typed arrays: widths, parents, clusters) and gets its result back, its
 * arrays transferred rather than copied; names and the drawing's objects stay on the page.
 */
import { layered, type LayeredInput, type LayeredResult } from './layered';

export interface LayoutRequest {
  readonly id: number;
  readonly input: LayeredInput;
}

export interface LayoutReply {
  readonly id: number;
  readonly result: LayeredResult;
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, input } = event.data;
  const result = layered(input);
  const reply: LayoutReply = { id, result };
  self.postMessage(reply, {
    transfer: [result.x.buffer, result.y.buffer, result.points.buffer, result.pointStart.buffer],
  });
};
