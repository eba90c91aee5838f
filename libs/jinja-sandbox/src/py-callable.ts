import { PYTHON_REPR, PYTHON_TYPE_NAME, type PythonObject } from '@validity/contracts';

/** A Python callable reachable from a template: a whitelisted method, `range`, `loop.cycle`. */
export class PyCallable implements PythonObject {
  readonly [PYTHON_TYPE_NAME] = 'builtin_function_or_method';

  constructor(
    readonly name: string,
    readonly invoke: (args: unknown[], kwargs: Record<string, unknown>) => unknown,
  ) {}

  [PYTHON_REPR](): string {
    return `<built-in method ${this.name}>`;
  }
}
