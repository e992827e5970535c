// The links of a widget's "Share or embed" panel: only changed values and the ticked controls, short and readable,
// and read back by the kit's own URL reader to the same values and hidden set; settings for a widget key that is
// not on the page are reported as stray, page-level parameters are not.
import { describe, expect, it } from 'vitest';
import { defaultsOf, defineWidget, readUrl } from '../../../site/widgets/_kit/params.ts';
import { lessonOf, shareQuery, strayState } from '../../../site/widgets/_kit/share-link.ts';
import { mulberry32 } from '../../../lib/random.ts';

const schema = defineWidget({
  name: 'ShareDemo',
  tag: 'share-demo',
  urlKey: 'demo',
  params: {
    share: { kind: 'number', min: 0, max: 1, default: 0.5, label: 'Share' },
    size: { kind: 'int', min: 1, max: 16, default: 4, label: 'Size' },
    mode: { kind: 'choice', values: ['rows', 'columns'], default: 'rows', label: 'Mode' },
    prompt: { kind: 'text', maxLength: 100, default: 'Call me Ishmael.', label: 'Prompt' },
  },
  controls: ['chart'],
});
const defaults = defaultsOf(schema);

describe('shareQuery', () => {
  it('is empty for the defaults, and names only what changed, then the hidden controls', () => {
    expect(shareQuery(schema, 'demo', defaults, defaults, [])).toBe('');
    expect(shareQuery(schema, 'demo', { ...defaults, size: 8 }, defaults, [])).toBe('?demo.size=8');
    expect(shareQuery(schema, 'demo', defaults, defaults, ['mode', 'chart'])).toBe('?hide=demo.mode,demo.chart');
    expect(shareQuery(schema, 'k2', { ...defaults, mode: 'columns' }, defaults, ['share'])).toBe(
      '?k2.mode=columns&hide=k2.share',
    );
  });

  it('round-trips through readUrl on random values and random hidden sets', () => {
    const rand = mulberry32(7);
    const hideable = [...Object.keys(schema.params), 'chart'];
    for (let i = 0; i < 200; i++) {
      const values = {
        share: Math.round(rand() * 100) / 100,
        size: 1 + Math.floor(rand() * 16),
        mode: rand() < 0.5 ? ('rows' as const) : ('columns' as const),
        prompt: rand() < 0.5 ? defaults.prompt : `A prompt, with & and = and ü ${i}`,
      };
      const hide = hideable.filter(() => rand() < 0.3);
      const query = shareQuery(schema, 'demo', values, defaults, hide);
      const back = readUrl(schema, 'demo', defaults, query);
      expect(back.values).toEqual(values);
      expect(back.hidden).toEqual(new Set(hide));
      expect(back.notes).toEqual([]);
    }
  });
});

describe('lessonOf', () => {
  it('reads the lesson from a lesson or embed path under the base', () => {
    expect(lessonOf('/lessons/02-x/', '/')).toBe('02-x');
    expect(lessonOf('/courses/llm/embed/02-x/heat/', '/courses/llm/')).toBe('02-x');
    expect(lessonOf('/widgets/batch-union/', '/')).toBeUndefined();
    expect(lessonOf('/elsewhere/lessons/02-x/', '/courses/llm/')).toBeUndefined();
  });
});

describe('strayState', () => {
  const onPage = new Set(['vecmat', 'heat']);
  it('reports settings and hide entries for keys not on the page, in their own words', () => {
    expect(strayState('?vecmat.x=1&nope.size=2&hide=heat.chart,gone.seed', onPage)).toEqual([
      'nope.size',
      'hide=gone.seed',
    ]);
  });
  it('leaves page-level parameters, junk without a key, and a clean address alone', () => {
    expect(strayState('?embed=1&theme=dark&backend=wasm&hide=vecmat.seed&foo=<b>', onPage)).toEqual([]);
    expect(strayState('', onPage)).toEqual([]);
    expect(strayState('?%%%=1', onPage)).toEqual([]);
  });
});
