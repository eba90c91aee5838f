/** The parsed form of a template: Jinja2's node types, for the subset the dispatcher supports. */

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '~' | 'and' | 'or';
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';

export interface CallArguments {
  args: Expression[];
  kwargs: Array<[string, Expression]>;
}

export type Expression = { line: number } & (
  | { type: 'literal'; value: unknown }
  | { type: 'name'; name: string }
  | { type: 'attribute'; object: Expression; name: string }
  | { type: 'item'; object: Expression; key: Expression }
  | { type: 'slice'; object: Expression; start?: Expression; stop?: Expression; step?: Expression }
  | ({ type: 'call'; callee: Expression } & CallArguments)
  | ({ type: 'filter'; value: Expression; name: string } & CallArguments)
  | ({ type: 'test'; value: Expression; name: string; negated: boolean } & CallArguments)
  | { type: 'not'; operand: Expression }
  | { type: 'negative' | 'positive'; operand: Expression }
  | { type: 'binary'; operator: BinaryOperator; left: Expression; right: Expression }
  | { type: 'compare'; first: Expression; rest: Array<[CompareOperator, Expression]> }
  | { type: 'conditional'; test: Expression; then: Expression; otherwise?: Expression }
  | { type: 'list' | 'tuple'; items: Expression[] }
  | { type: 'dict'; entries: Array<[Expression, Expression]> }
);

export type Statement =
  | { type: 'text'; text: string }
  | { type: 'output'; expression: Expression }
  | { type: 'if'; branches: Array<{ test: Expression; body: Statement[] }>; otherwise: Statement[] }
  | {
      type: 'for';
      targets: string[];
      iterable: Expression;
      condition?: Expression;
      body: Statement[];
      otherwise: Statement[];
      line: number;
    }
  | { type: 'set'; targets: string[]; value: Expression; line: number };
