export type { BinaryOperator, CallArguments, CompareOperator, Expression, Statement } from './nodes';
export { DEFAULT_RENDER_LIMITS, type RenderLimits } from './interpreter';
export { parseTemplate } from './parser';
export { renderTemplate } from './render-template';
export { TemplateError } from './template-error';
