export * from './load-config';
export * from './platform.env';
export * from './service-config';
export * from './is-network-list';
