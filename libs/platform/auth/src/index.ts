export * from './token-key';
export * from './token-directory';
export * from './token-directory.projection';
export * from './authenticate-request';
export {
  authenticatedToken,
  setAuthenticatedToken,
  type RequestChangeContext,
} from '@validity/platform/netbox-api';
export * from './public-route.decorator';
export * from './token-auth.guard';
export * from './auth.module';
export * from './change-context.decorator';
