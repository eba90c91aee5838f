import type { ConsoleRoutes } from '../console-routes';
import { refuse } from '../console-routes';

const API = '/api/extras/webhook-deliveries/test/';

/**
 * "Send a test event" on a webhook's page: the public API delivers a sample compliance report `created`
 * event to that webhook only, and the console opens the new delivery, whose attempts show the outcome.
 */
export function registerWebhookTestEventAction(routes: ConsoleRoutes): void {
  routes.action('/extras/webhooks/:id/test/', async (request, response, context) => {
    const webhook = Number(request.params.id);
    const answer = await context.api.send<{ id?: number; detail?: string; webhook?: string[] }>('POST', API, {
      webhook,
    });
    if (answer.status === 201 && answer.body.id !== undefined) {
      return void response.redirect(
        303,
        `/extras/webhook-deliveries/${answer.body.id}/?notice=Test+event+sent.`,
      );
    }
    // 409: the webhook is disabled; 400: it does not exist (any more). The API's words, as they are.
    const message =
      answer.body.detail ?? answer.body.webhook?.join(' ') ?? `The API answered ${answer.status}.`;
    refuse(
      response,
      answer.status === 409 || answer.status === 400 ? answer.status : 502,
      message,
      context.session,
    );
  });
}
