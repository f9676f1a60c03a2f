/**
 * A chart on screen as a file. Charts are stacks of SVG layers (axes, lines, labels) and
 * canvas layers (thousands of dots) inside one container. The SVG export copies the SVG
 * layers with their computed styles written inline (the page's stylesheets do not travel
 * with the file) and embeds each canvas as a PNG image; the PNG export draws every layer, in
 * order, onto one offscreen canvas.
 */

type Layer = SVGSVGElement | HTMLCanvasElement;

export interface ChartLayers {
  width: number;
  height: number;
  background: string;
  layers: { element: Layer; x: number; y: number; width: number; height: number }[];
}

/** Presentation properties copied inline; enough for axes, lines, marks and labels. */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
  'display',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The layers of the chart inside `root`: the first SVG or canvas found and its sibling SVGs
 * and canvases (the plot's stacked layers), with their positions inside the plot. Null if the
 * chart is not on screen.
 */
export function chartLayers(root: Element | null): ChartLayers | null {
  const first = root?.querySelector('svg, canvas');
  const plot = first?.parentElement;
  if (!first || !plot) return null;
  const box = plot.getBoundingClientRect();
  const layers = [...plot.children]
    .filter((el): el is Layer => el instanceof SVGSVGElement || el instanceof HTMLCanvasElement)
    .map((element) => {
      const r = element.getBoundingClientRect();
      return { element, x: r.left - box.left, y: r.top - box.top, width: r.width, height: r.height };
    })
    .filter((l) => l.width > 0 && l.height > 0);
  if (layers.length === 0) return null;
  const width = Math.max(...layers.map((l) => l.x + l.width));
  const height = Math.max(...layers.map((l) => l.y + l.height));
  return { width, height, background: backgroundOf(plot), layers };
}

/** The first opaque background colour up the tree (the panel's), so the file is not transparent. */
function backgroundOf(el: Element | null): string {
  for (let e = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
  }
  return '#ffffff';
}

/** A copy of an SVG layer with computed styles inline, standalone (with its namespace). */
function inlineSvg(svg: SVGSVGElement, width: number, height: number): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((original, i) => {
    const target = copies[i];
    if (!(target instanceof SVGElement)) return;
    const computed = getComputedStyle(original);
    const inline = STYLE_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', inline);
    target.removeAttribute('class');
  });
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.removeAttribute('aria-hidden');
  return copy;
}

/** The chart as one standalone SVG document. */
export function chartSvg(chart: ChartLayers, title: string): string {
  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('width', String(Math.ceil(chart.width)));
  out.setAttribute('height', String(Math.ceil(chart.height)));
  out.setAttribute('viewBox', `0 0 ${Math.ceil(chart.width)} ${Math.ceil(chart.height)}`);
  const titleEl = document.createElementNS(SVG_NS, 'title');
  titleEl.textContent = title; // text, never markup
  out.append(titleEl);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', chart.background);
  out.append(bg);
  for (const layer of chart.layers) {
    if (layer.element instanceof SVGSVGElement) {
      const svg = inlineSvg(layer.element, layer.width, layer.height);
      svg.setAttribute('x', String(layer.x));
      svg.setAttribute('y', String(layer.y));
      out.append(svg);
    } else {
      const image = document.createElementNS(SVG_NS, 'image');
      image.setAttribute('href', layer.element.toDataURL('image/png'));
      image.setAttribute('x', String(layer.x));
      image.setAttribute('y', String(layer.y));
      image.setAttribute('width', String(layer.width));
      image.setAttribute('height', String(layer.height));
      out.append(image);
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}\n`;
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the browser could not draw an SVG layer'));
    img.src = url;
  });
}

/** The chart as a PNG at the screen's pixel density (at least 2x, for slides). */
export async function chartPng(chart: ChartLayers): Promise<Blob> {
  const scale = Math.max(2, window.devicePixelRatio || 1);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(chart.width * scale);
  canvas.height = Math.ceil(chart.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  ctx.scale(scale, scale);
  ctx.fillStyle = chart.background;
  ctx.fillRect(0, 0, chart.width, chart.height);
  for (const layer of chart.layers) {
    if (layer.element instanceof SVGSVGElement) {
      const text = new XMLSerializer().serializeToString(inlineSvg(layer.element, layer.width, layer.height));
      // A data URL (not a blob URL) keeps the canvas untainted in every browser.
      const img = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`);
      ctx.drawImage(img, layer.x, layer.y, layer.width, layer.height);
    } else {
      ctx.drawImage(layer.element, layer.x, layer.y, layer.width, layer.height);
    }
  }
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'));
}
