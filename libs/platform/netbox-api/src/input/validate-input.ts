import 'reflect-metadata';
import { pythonTypeName } from '@validity/contracts';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { NetBoxValidationError } from '../errors/netbox-validation.error';
import { DRF_MESSAGES } from './drf-messages';

export interface ValidateInputOptions {
  /** PATCH: absent fields keep their value, so only the present ones are checked. */
  partial?: boolean;
  /** Fields that must be present on create / full update. */
  required?: readonly string[];
}

/**
 * Validates a request body against an input class and returns the typed instance, or throws a 400 whose
 * body names every bad field with DRF's message (`{"name": ["This field is required."]}`). Keys the class
 * does not declare are dropped, as DRF ignores unknown and read-only keys.
 */
export function validateInput<T extends object>(
  inputClass: ClassConstructor<T>,
  body: unknown,
  options: ValidateInputOptions = {},
): T {
  const { instance, errors } = readInput(inputClass, body, options);
  if (errors || !instance) throw new NetBoxValidationError(errors ?? {});
  return instance;
}

/** The same check for one item of a bulk request: the field errors, or undefined when it is valid. */
export function inputErrors<T extends object>(
  inputClass: ClassConstructor<T>,
  body: unknown,
  options: ValidateInputOptions = {},
): Record<string, string[]> | undefined {
  return readInput(inputClass, body, options).errors;
}

/**
 * Both at once, for a caller that adds errors of its own (fields checked against stored data): the
 * field errors, or the instance holding DRF's internal values.
 */
export function readInput<T extends object>(
  inputClass: ClassConstructor<T>,
  body: unknown,
  options: ValidateInputOptions,
): { instance?: T; errors?: Record<string, string[]> } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      errors: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${pythonTypeName(body)}.`] },
    };
  }
  const fieldErrors: Record<string, string[]> = {};
  if (!options.partial) {
    for (const field of options.required ?? []) {
      if ((body as Record<string, unknown>)[field] === undefined)
        fieldErrors[field] = [DRF_MESSAGES.required];
    }
  }
  const instance = plainToInstance(inputClass, body);
  const problems = validateSync(instance, {
    skipMissingProperties: options.partial ?? false,
    whitelist: true,
    forbidNonWhitelisted: false,
  });
  for (const problem of problems) collect(problem, '', fieldErrors);
  return Object.keys(fieldErrors).length > 0 ? { errors: fieldErrors } : { instance };
}

function collect(problem: ValidationError, prefix: string, into: Record<string, string[]>): void {
  const field = prefix ? `${prefix}.${problem.property}` : problem.property;
  if (problem.constraints && !into[field]) {
    // DRF reports one message per field: the first failing rule.
    into[field] = [Object.values(problem.constraints)[0]];
  }
  for (const child of problem.children ?? []) collect(child, field, into);
}
