// A highlighted code block as plain data: strings are text, spans carry highlight.js's classes.
// Rendered as React elements (text escaped by React), never as HTML.
import { createElement, type ReactNode } from 'react';

export type HighlightNode = string | { className: string; children: HighlightNode[] };

export function renderHighlight(nodes: readonly HighlightNode[]): ReactNode[] {
  return nodes.map((node, i) =>
    typeof node === 'string' ? node : createElement('span', { key: i, className: node.className }, renderHighlight(node.children)),
  );
}
