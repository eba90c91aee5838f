/** A Python callable reachable from a template: a whitelisted method, `range`, `loop.cycle`. */
export class PyCallable {
  constructor(
    readonly name: string,
    readonly invoke: (args: unknown[], kwargs: Record<string, unknown>) => unknown,
  ) {}
}
