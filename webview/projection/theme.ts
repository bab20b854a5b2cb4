/** Chart colours follow the VS Code theme, read from the variables VS Code sets on the page. */
export function themeColor(variable: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(variable).trim();
  return value.length > 0 ? value : fallback;
}

export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (!hex?.[1]) return color;
  const n = parseInt(hex[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Distinct colours for categories (attribute values), theme colours first. */
export function categoryColors(count: number): string[] {
  const themed = [
    themeColor('--vscode-charts-blue', '#3794ff'),
    themeColor('--vscode-charts-orange', '#d18616'),
    themeColor('--vscode-charts-green', '#89d185'),
    themeColor('--vscode-charts-red', '#f14c4c'),
    themeColor('--vscode-charts-purple', '#b180d7'),
    themeColor('--vscode-charts-yellow', '#cca700'),
  ];
  const extra = ['#4dc9c9', '#e377c2', '#8c564b', '#7f7f7f', '#bcbd22', '#17becf'];
  const palette = [...themed, ...extra];
  return Array.from({ length: count }, (_, i) => withAlpha(palette[i % palette.length] as string, 0.8));
}
