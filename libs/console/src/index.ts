export * from './console-router';
