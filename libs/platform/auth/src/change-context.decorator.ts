import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { changeContextOf, type RequestChangeContext } from '@validity/platform/netbox-api';

/**
 * The change context of a write, as a handler parameter (the resource kit's derived write routes read
 * it with `changeContextOf` themselves).
 */
export const ChangeContext = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestChangeContext =>
    changeContextOf(context.switchToHttp().getRequest<Request>()),
);
