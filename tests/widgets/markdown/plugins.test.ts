// The site's rehype plugins on real Markdown, through the same remark-math + rehype-katex chain as the build.
import { toText } from 'hast-util-to-text';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import rehypeHeadingMath from '../../../site/markdown/rehype-heading-math.mjs';
import rehypeNoTemplateSource, { templateSourceInTex } from '../../../site/markdown/rehype-no-template-source.mjs';

const render = (md: string) => {
  const processor = unified()
    .use(remarkParse)
    .use(remarkMath)
    .use(remarkRehype)
    .use(rehypeKatex)
    .use(rehypeNoTemplateSource)
    .use(rehypeHeadingMath);
  const tree = processor.runSync(processor.parse(md));
  return { tree, html: unified().use(rehypeStringify).stringify(tree) };
};

describe('rehype-heading-math', () => {
  test('a heading with math has one copy of the formula in its text (what the TOC and the id are built from)', () => {
    const { tree } = render('## The search, and where $1/s$ goes\n\nBody $x_i^2$ here.');
    // biome-ignore lint/suspicious/noExplicitAny: a hast tree
    const h2 = (tree as any).children.find((n: any) => n.tagName === 'h2');
    expect(toText(h2)).toBe('The search, and where 1/s goes');
  });

  test('math outside headings keeps all of KaTeX (HTML for the eye, MathML and TeX source for the rest)', () => {
    const { html } = render('## Title $a+b$\n\nBody $a+b$ here.');
    expect(html.match(/class="katex-html"/g)?.length).toBe(1);
    expect(html.match(/<annotation/g)?.length).toBe(1);
    expect(html).toContain('class="heading-math"');
  });
});

describe('rehype-no-template-source', () => {
  test('template code inside math fails the build with the offending text', () => {
    expect(() => render('Ours is $2 \\cdot {flash.layout.nEmbd} \\cdot 4$ B.')).toThrow(/flash\.layout\.nEmbd/);
    expect(() => render('($\\alpha = {c((k) => k.lora.alpha)}$)')).toThrow(/template source/);
  });

  test('a heading printing braces fails; ordinary TeX passes', () => {
    expect(() => render('## Cost of {model.name}\n')).toThrow(/heading/);
    expect(() =>
      render(
        '## Why $s > 1$ helps\n\n$\\text{chunk}_{\\text{bundled}} = 2\\,d_{\\text{model}}\\cdot b$ and $\\lVert W_q\\rVert_F = 61.95$, $f(x)$, $\\text{e.g. } x$.',
      ),
    ).not.toThrow();
  });

  test('templateSourceInTex: member chains, arrows and curried calls are code; TeX commands are not', () => {
    expect(templateSourceInTex('2 \\cdot {flash.layout.nEmbd}')).toBe('flash.layout.nEmbd');
    expect(templateSourceInTex('\\alpha = {c((k) => k.lora.alpha)}')).toBeDefined();
    expect(templateSourceInTex('\\mathrm{softmax}(QK^\\top/\\sqrt{d})V')).toBeUndefined();
    expect(templateSourceInTex('0.95 \\cdot t_{\\text{d.r}}')).toBeUndefined();
  });
});
