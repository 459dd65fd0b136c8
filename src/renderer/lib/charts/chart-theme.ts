/**
 * Canvas cannot read CSS variables, so charts read the theme's colours from the stylesheet here
 * (see `--chart-*` in app.css) and re-read them when the theme changes.
 */
export interface ChartColors {
  text: string;
  grid: string;
  series: string[];
}

const FALLBACK = ['#2f81f7', '#e5534b', '#3fb950', '#d29922', '#a371f7', '#39c5cf', '#db61a2', '#8b949e'];

export function readChartColors(element: Element = document.documentElement): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--chart-text', '#57606a'),
    grid: read('--chart-grid', 'rgba(128,128,128,0.2)'),
    series: FALLBACK.map((fallback, i) => read(`--chart-${i + 1}`, fallback)),
  };
}

/** The same colour with an alpha, for bands: accepts #rgb/#rrggbb; anything else is returned as is. */
export function withAlpha(color: string, alpha: number): string {
  const hex = color.match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i)?.[1];
  if (!hex) return color;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
