import { TemplateError } from './template-error';

/** Jinja2's default `Undefined`: prints as nothing, is false, and fails on any further use. */
export class Undefined {
  constructor(readonly hint: string) {}

  fail(): never {
    throw new TemplateError(this.hint);
  }
}
