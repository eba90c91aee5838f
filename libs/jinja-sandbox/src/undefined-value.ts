import {
  PYTHON_BOOL,
  PYTHON_EQ,
  PYTHON_REPR,
  PYTHON_STR,
  PYTHON_TYPE_NAME,
  type PythonObject,
} from '@validity/contracts';
import { TemplateError } from './template-error';

/** Jinja2's default `Undefined`: prints as nothing, is false, and fails on any further use. */
export class Undefined implements PythonObject {
  readonly [PYTHON_TYPE_NAME] = 'Undefined';

  constructor(readonly hint: string) {}

  fail(): never {
    throw new TemplateError(this.hint);
  }

  [PYTHON_REPR](): string {
    return '';
  }

  [PYTHON_STR](): string {
    return '';
  }

  [PYTHON_BOOL](): boolean {
    return false;
  }

  /** Jinja2's `Undefined.__eq__`: equal to any other undefined value only. */
  [PYTHON_EQ](other: unknown): boolean {
    return other instanceof Undefined;
  }
}
