import { Undefined } from './undefined-value';
import { PyCallable } from './py-callable';
import { TemplateError } from './template-error';

/** Jinja2's `loop` variable inside `{% for %}`. */
export class LoopContext {
  index0 = 0;

  constructor(private readonly items: readonly unknown[]) {}

  attribute(name: string): unknown {
    const { index0, items } = this;
    switch (name) {
      case 'index':
        return index0 + 1;
      case 'index0':
        return index0;
      case 'revindex':
        return items.length - index0;
      case 'revindex0':
        return items.length - index0 - 1;
      case 'first':
        return index0 === 0;
      case 'last':
        return index0 === items.length - 1;
      case 'length':
        return items.length;
      case 'previtem':
        return index0 > 0 ? items[index0 - 1] : new Undefined('there is no previous item');
      case 'nextitem':
        return index0 < items.length - 1 ? items[index0 + 1] : new Undefined('there is no next item');
      case 'cycle':
        return new PyCallable('cycle', (args) => {
          if (args.length === 0) throw new TemplateError('no items for cycling given');
          return args[index0 % args.length];
        });
      default:
        return new Undefined(`'LoopContext object' has no attribute '${name}'`);
    }
  }
}
