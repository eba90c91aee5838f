export * from './token-key';
export * from './token-directory';
export * from './token-directory.projection';
export * from './authenticate-request';
export * from './authenticated-token';
export * from './public-route.decorator';
export * from './token-auth.guard';
export * from './auth.module';
