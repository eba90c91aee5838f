import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'validity:public-route';

/** Marks a handler (or controller) that answers without a token, as NetBox's API root and status do. */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
