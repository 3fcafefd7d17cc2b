import type { Parallelizable } from 'hamilton';

// Stands in for the web: the playground fetches nothing, so each "page" is a text kept here.
const _pages: Record<string, string> = {
  'docs/dataflows': 'every feature is one function and its name is what it computes',
  'docs/decorators': 'decorators write nodes for you',
  'docs/lineage': 'code already says how things connect so lineage comes for free',
};

/** One item per URL: everything downstream of `url` runs once per URL, concurrently. */
export function* url(urls: string[]): Parallelizable<string> {
  for (const u of urls) yield u;
}

/** One page's text (a fetch in real life: slow, so the pages load side by side). */
export async function url_loaded(url: string): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  return _pages[url] ?? '';
}

/** One page's word count. */
export function counts(url_loaded: string): number {
  return url_loaded.split(' ').filter((w) => w !== '').length;
}
