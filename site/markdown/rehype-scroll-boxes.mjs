// Rehype plugin: things wider than a phone (tables, display equations) scroll inside their own box,
// never the page. Each box is focusable so keyboard users can scroll it too.

/** @param {any} node */
const classes = (node) => [node.properties?.className ?? []].flat();

export default function rehypeScrollBoxes() {
  /** @param {any} tree */
  return (tree) => visit(tree);
}

/** @param {any} parent */
function visit(parent) {
  if (!parent.children) return;
  parent.children = parent.children.map((node) => {
    if (node.type !== 'element') return node;
    if (node.tagName === 'table') {
      return {
        type: 'element',
        tagName: 'div',
        properties: { className: ['scroll-box'], tabIndex: 0, role: 'region', ariaLabel: 'Table' },
        children: [node],
      };
    }
    if (classes(node).includes('katex-display')) {
      // Focusable so a keyboard can scroll a long formula; a group named "Equation" so focus lands on something named.
      node.properties.tabIndex = 0;
      node.properties.role = 'group';
      node.properties.ariaLabel = 'Equation';
      return node;
    }
    visit(node);
    return node;
  });
}
