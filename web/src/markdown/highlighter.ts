// Syntax highlighting of code blocks (lowlight: highlight.js's grammars, giving a tree instead of
// HTML). Loaded on first use only, through `useHighlight.ts`: it is a chunk of its own.
import type { ElementContent, Root } from 'hast';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';
import type { HighlightNode } from './highlightTree';

// Each grammar brings its own aliases (rs, ts, js, sh, py, yml, html...).
const lowlight = createLowlight({ bash, css, diff, go, javascript, json, python, rust, sql, typescript, xml, yaml });

/** `code` as highlighted nodes, or null when `language` is not one of those registered. */
export function highlightCode(language: string, code: string): HighlightNode[] | null {
  if (!language || !lowlight.registered(language)) return null;
  return fromTree(lowlight.highlight(language, code));
}

/** lowlight's tree as ours: text stays text (React escapes it), elements keep their classes only. */
export function fromTree(root: Root): HighlightNode[] {
  return root.children.map(fromNode).filter((n): n is HighlightNode => n !== null);
}

function fromNode(node: ElementContent | Root['children'][number]): HighlightNode | null {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return null;
  const classes = node.properties.className;
  return {
    className: Array.isArray(classes) ? classes.join(' ') : String(classes ?? ''),
    children: node.children.map(fromNode).filter((n): n is HighlightNode => n !== null),
  };
}
