/**
 * Exports of the drawn graph: a standalone SVG (the page's CSS variables resolved into inline styles,
 * so it looks the same anywhere), a PNG rendered from it, and Hamilton's DOT (via the library).
 */
import type { GraphDescription } from 'hamilton';
import { download } from '../shared/download';
import type { GraphLayout } from './layout';

const STYLED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'display',
  'visibility',
];
const PAD = 16;

/** The graph as a standalone SVG document: the whole graph, unzoomed, with inline styles. */
export function graphSvg(svg: SVGSVGElement, layout: GraphLayout): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  source.forEach((element, i) => {
    const computed = getComputedStyle(element);
    const style = STYLED.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
    target[i].setAttribute('style', style);
    target[i].removeAttribute('class');
    target[i].removeAttribute('tabindex');
  });
  const width = Math.ceil(layout.width + 2 * PAD);
  const height = Math.ceil(layout.height + 2 * PAD);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.querySelector(':scope > g')?.setAttribute('transform', `translate(${PAD},${PAD})`);
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', getComputedStyle(document.body).backgroundColor);
  clone.insertBefore(background, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

/** Downloads an SVG made by `graphSvg`. */
export function exportSvg(text: string): void {
  download('graph.svg', text, 'image/svg+xml');
}

/** Renders an SVG made by `graphSvg` at twice its size (capped, since canvases have a maximum area). */
export async function exportPng(text: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = Math.min(2, 16_000 / Math.max(image.width, image.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.width * scale));
    canvas.height = Math.max(1, Math.round(image.height * scale));
    canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the browser could not encode the PNG');
    download('graph.png', blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Downloads Hamilton's DOT of the graph. The library is loaded then: the page draws graphs without it. */
export async function exportDot(graph: GraphDescription): Promise<void> {
  const { toDot } = await import('hamilton');
  download('graph.dot', toDot(graph, { pathOnly: false }), 'text/vnd.graphviz');
}
