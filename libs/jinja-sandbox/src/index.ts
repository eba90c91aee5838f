export type { BinaryOperator, CallArguments, CompareOperator, Expression, Statement } from './nodes';
export { checkTemplate, type TemplateCheck } from './check-template';
export { DEFAULT_RENDER_LIMITS, type RenderLimits } from './interpreter';
export { parseTemplate } from './parser';
export { hasPythonLineBreak, pythonLines, pythonSplitLines, type PythonLine } from './python-lines';
export { renderTemplate, type RenderOptions } from './render-template';
export { TemplateError } from './template-error';
export { templateLines, type TemplateLine } from './template-lines';
export { findUnsafeAccess, type UnsafeAccess } from './unsafe-access';
