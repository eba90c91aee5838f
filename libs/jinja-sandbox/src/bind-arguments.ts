import { TemplateError } from './template-error';

/** A parameter name, and its default when it is optional. */
export type Parameter = readonly [name: string, defaultValue?: unknown];

/**
 * Binds positional and keyword arguments to parameters as Python does, so `join(', ')` and
 * `join(d=', ')` mean the same; a missing required argument or an unknown keyword is an error.
 */
export function bindArguments(
  callee: string,
  parameters: readonly Parameter[],
  args: readonly unknown[],
  kwargs: Readonly<Record<string, unknown>>,
): unknown[] {
  if (args.length > parameters.length) {
    throw new TemplateError(
      `${callee}() takes at most ${parameters.length} arguments (${args.length} given)`,
    );
  }
  const unknown = Object.keys(kwargs).find((name) => !parameters.some(([parameter]) => parameter === name));
  if (unknown !== undefined)
    throw new TemplateError(`${callee}() got an unexpected keyword argument '${unknown}'`);
  return parameters.map(([name, ...rest], index) => {
    if (index < args.length) {
      if (Object.hasOwn(kwargs, name))
        throw new TemplateError(`${callee}() got multiple values for '${name}'`);
      return args[index];
    }
    if (Object.hasOwn(kwargs, name)) return kwargs[name];
    if (rest.length === 0) throw new TemplateError(`${callee}() missing required argument '${name}'`);
    return rest[0];
  });
}
