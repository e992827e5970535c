// Rehype plugin, after rehype-katex: math in a heading keeps one copy of its text. KaTeX writes a formula three
// times (MathML for screen readers, the TeX source as an annotation, HTML for the eye), and Astro builds a heading's
// id and its table-of-contents entry from all the text inside it ("1/s1/s1/s"). In headings the formula is shown
// as its MathML alone (browsers lay out MathML Core), without the annotation, so the TOC, the anchor and a share
// link read "1/s" once.

/** @param {any} node */
const classes = (node) => [node.properties?.className ?? []].flat();

/** @param {any} node @param {string} name @returns {any} */
function find(node, name) {
  if (node.type === 'element' && (node.tagName === name || classes(node).includes(name))) return node;
  for (const child of node.children ?? []) {
    const hit = find(child, name);
    if (hit) return hit;
  }
  return undefined;
}

/** @param {any} node: drops <annotation> elements (the TeX source) from a MathML tree. */
function dropAnnotations(node) {
  if (!node.children) return;
  node.children = node.children.filter((c) => !(c.type === 'element' && c.tagName === 'annotation'));
  for (const c of node.children) dropAnnotations(c);
}

/** @param {any} parent */
function mathmlOnly(parent) {
  if (!parent.children) return;
  parent.children = parent.children.map((node) => {
    if (node.type === 'element' && classes(node).includes('katex')) {
      const math = find(node, 'math');
      if (!math) return node;
      dropAnnotations(math);
      return { type: 'element', tagName: 'span', properties: { className: ['heading-math'] }, children: [math] };
    }
    mathmlOnly(node);
    return node;
  });
}

/** @param {any} node */
function visit(node) {
  if (node.type === 'element' && /^h[1-6]$/.test(node.tagName)) {
    mathmlOnly(node);
    return;
  }
  for (const child of node.children ?? []) visit(child);
}

export default function rehypeHeadingMath() {
  /** @param {any} tree */
  return (tree) => visit(tree);
}
