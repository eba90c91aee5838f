export type {
  Condition,
  ConditionSet,
  ConditionValue,
  EvaluationResult,
  Logic,
  Operator,
  ParseResult,
  Rule,
} from './condition-set';
export { LOGIC_TYPES, OPERATORS, isConditionSet } from './condition-set';
export { MAX_NESTING_DEPTH, parseConditionSet } from './parse-condition-set';
export { evaluateConditionSet } from './evaluate-condition-set';
export { isEmptyConditions } from './is-empty-conditions';
