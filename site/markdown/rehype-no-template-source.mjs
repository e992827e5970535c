// Rehype plugin, after rehype-katex: the build fails when template source is rendered as text. `{…}` inside `$…$`
// is TeX, not an MDX expression, so `$2 \cdot {flash.layout.nEmbd}$` prints the code instead of its value; a
// heading can carry the same mistake in plain text. Math and headings are checked; code elements are exempt.

/** JavaScript that is never TeX: member chains (`flash.layout.nEmbd`), arrows, and calls on a name (`c((k) => …)`). */
export const TEMPLATE_SOURCE = /[A-Za-z_$][\w$]*\.[A-Za-z_$][\w$]*\.?[\w$]*|=>|\b[A-Za-z_$][\w$]*\(\(/;

/** @param {string} tex: TeX commands and `\text{…}` words are removed before looking (`\text{e.g.}` is prose). */
export function templateSourceInTex(tex) {
  const stripped = tex.replace(/\\(?:text|mathrm|textrm|operatorname|mathit|mathsf|mathtt)\{[^{}]*\}/g, ' ');
  return TEMPLATE_SOURCE.exec(stripped)?.[0];
}

/** @param {string} text: a heading's plain text. */
export function templateSourceInText(text) {
  return /[{}]|=>/.exec(text)?.[0];
}

/** @param {any} node @returns {string} */
const textOf = (node) =>
  node.type === 'text' ? node.value : node.tagName === 'code' ? '' : (node.children ?? []).map(textOf).join('');

/** @param {any} node */
const classes = (node) => [node.properties?.className ?? []].flat();

/** @param {any} node @param {(where: string, found: string, text: string) => void} report */
function visit(node, report) {
  if (node.type !== 'element' && node.type !== 'root') return;
  if (node.type === 'element' && node.tagName === 'annotation') {
    const tex = textOf(node);
    const found = templateSourceInTex(tex);
    if (found) report('math', found, tex);
    return;
  }
  if (node.type === 'element' && /^h[1-6]$/.test(node.tagName)) {
    const plain = (node.children ?? [])
      .filter((c) => !(c.type === 'element' && (classes(c).includes('katex') || classes(c).includes('heading-math'))))
      .map(textOf)
      .join('');
    const found = templateSourceInText(plain);
    if (found) report('heading', found, plain);
  }
  for (const child of node.children ?? []) visit(child, report);
}

export default function rehypeNoTemplateSource() {
  /** @param {any} tree @param {any} file */
  return (tree, file) => {
    /** @type {string[]} */
    const problems = [];
    visit(tree, (where, found, text) => problems.push(`${where} "${text.trim()}" contains template source "${found}"`));
    if (problems.length) {
      throw new Error(
        `${file.path ?? 'markdown'}: template source rendered as text (write the expression outside $…$, e.g. ` +
          `$2 \\cdot$ {value}):\n  ${problems.join('\n  ')}`,
      );
    }
  };
}
