import { isEnvelopeEvent, isJobEvent, isOperationalEventName } from '@validity/contracts';
import type { TopicsToSkip } from '@validity/platform/kafka';
import type { WebhookView } from '../webhook-view/webhook-view';
import { takesEventsOf } from './match-webhooks';

/**
 * The topics whose events no webhook in the view can match, so the intake need not fetch them. It relies
 * on the topic naming every producer follows, `<app_label>.<model>.<event>` (the reports and registry
 * relays, the NetBox hub, the operational events): a record on such a topic carries that object type and
 * event in its headers, which is what matching reads. A topic not named that way (a test's or staging's
 * own topic, say) may carry anything and is always fetched.
 */
export function unmatchableTopics(topics: readonly string[], view: WebhookView): Set<string> {
  const unmatchable = new Set<string>();
  for (const topic of topics) {
    const lastDot = topic.lastIndexOf('.');
    if (lastDot <= 0) continue;
    const objectType = topic.slice(0, lastDot);
    const event = topic.slice(lastDot + 1);
    if (!isEnvelopeEvent(event) && !isJobEvent(event) && !isOperationalEventName(event)) continue;
    if (
      !view.someForContentType(objectType, ({ definition }) => takesEventsOf(definition, objectType, event))
    )
      unmatchable.add(topic);
  }
  return unmatchable;
}

/**
 * The intake's topics to skip: the unmatchable ones, worked out again when a webhook changes, and
 * settled once the view caught up with the webhook definitions (as the intake does before it matches a
 * batch), so a record is skipped only if matching it then would have dropped it.
 */
export class UnmatchableTopics implements TopicsToSkip {
  private unmatchable: Set<string> | undefined;

  constructor(
    private readonly topics: readonly string[],
    private readonly view: WebhookView,
    private readonly viewCaughtUp: () => Promise<void>,
  ) {}

  current(): ReadonlySet<string> {
    return (this.unmatchable ??= unmatchableTopics(this.topics, this.view));
  }

  settled(): Promise<void> {
    return this.viewCaughtUp();
  }

  /**
   * Calls the listener once after a run of changes, not once per change: a projection batch can change
   * thousands of webhooks in one go (a bulk create), and each call works the set out again, which scans
   * every webhook of a content type for each of its topics no webhook takes.
   */
  onChange(listener: () => void): void {
    let scheduled = false;
    this.view.onChange(() => {
      this.unmatchable = undefined;
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        listener();
      });
    });
  }
}
