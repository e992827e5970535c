// What a numeric control's attributes are, read from the declaration: Field.astro renders them, so a shell never
// repeats a parameter's min and max as literals. Plain data (no DOM): the shell and Node tests use it.
import type { Params, WidgetSchema } from './params.ts';

export interface FieldLimits {
  min: number;
  max: number;
  step: number;
}

/**
 * The min, max and step of the input for number parameter `name`. A shell may narrow the range to what its data
 * allows (`max: nLayer - 1`), never widen it; `step` is the declaration's (default 1 for whole numbers, a hundredth of
 * the range otherwise). Throws, naming the widget, for a parameter that is not a number or a range outside the declaration.
 */
export function fieldLimits<P extends Params>(
  schema: WidgetSchema<P>,
  name: keyof P & string,
  narrow: { min?: number; max?: number } = {},
): FieldLimits {
  const p = schema.params[name];
  if (!p || (p.kind !== 'int' && p.kind !== 'number'))
    throw new Error(`${schema.name}: "${name}" is not a number parameter, so it has no min and max`);
  const min = narrow.min ?? p.min;
  const max = narrow.max ?? p.max;
  if (min < p.min || max > p.max || min > max)
    throw new Error(`${schema.name}: the control for "${name}" spans [${min}, ${max}], outside [${p.min}, ${p.max}]`);
  const step = p.step ?? (p.kind === 'int' ? 1 : +((p.max - p.min) / 100).toPrecision(1));
  if (p.kind === 'int' && !Number.isInteger(step))
    throw new Error(`${schema.name}: "${name}" is a whole number; its step must be whole, not ${step}`);
  return { min, max, step };
}
