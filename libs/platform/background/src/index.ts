export * from './wake-loop';
export * from './event-loop-slices';
