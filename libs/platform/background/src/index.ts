export * from './wake-loop';
