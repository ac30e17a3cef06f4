/** The colours of the pictures, shared by the SVG (DOT) and the Mermaid flowchart. */
import { GroupKind } from './model';

export const INK = '#2d3748';
export const MUTED = '#4a5568';
export const GPU = { fill: '#e6fffa', border: '#319795' } as const;
export const EXIT = '#e53e3e';
export const GREY_FILL = '#edf2f7';

/** Fill and border of each kind of group (and of a group drawn as one box). */
export const GROUP_COLORS: Record<GroupKind, { readonly fill: string; readonly border: string }> = {
  'condition': { fill: '#fffbeb', border: '#d69e2e' },
  'branches': { fill: '#fffdf7', border: '#d69e2e' },
  'loop': { fill: '#ebf8ff', border: '#3182ce' },
  'exit-handler': { fill: '#fff5f5', border: EXIT },
  'pipeline': { fill: '#f7fafc', border: '#718096' },
};
