import { isEmptyConditions, parseConditionSet, type ConditionSet } from '@validity/condition-set';
import type { WebhookDefinition } from '@validity/contracts';

/** A webhook's `conditions`, parsed once when the definition arrives rather than per event. */
export type CompiledConditions =
  | { kind: 'always' }
  | { kind: 'set'; conditionSet: ConditionSet }
  /** The registry validates on save, so this is a record from a newer or broken producer. */
  | { kind: 'invalid'; message: string };

export interface ViewedWebhook {
  definition: WebhookDefinition;
  conditions: CompiledConditions;
  /** `created` in epoch milliseconds (0 when unreadable: such a webhook takes every event). */
  createdMs: number;
}

/**
 * The dispatcher's copy of every webhook, keyed by id and indexed by content type, kept equal to the
 * registry's compacted topic by `WebhookViewProjection`.
 */
export class WebhookView {
  private readonly byId = new Map<number, ViewedWebhook>();
  private readonly byContentType = new Map<string, Set<number>>();
  private readonly listeners: Array<(webhookId: number) => void> = [];

  put(definition: WebhookDefinition): void {
    this.unindex(definition.id);
    this.byId.set(definition.id, {
      definition,
      conditions: compile(definition.conditions),
      createdMs: Date.parse(definition.created) || 0,
    });
    for (const contentType of definition.content_types) {
      let ids = this.byContentType.get(contentType);
      if (!ids) this.byContentType.set(contentType, (ids = new Set()));
      ids.add(definition.id);
    }
    this.changed(definition.id);
  }

  remove(webhookId: number): void {
    if (!this.byId.has(webhookId)) return;
    this.unindex(webhookId);
    this.byId.delete(webhookId);
    this.changed(webhookId);
  }

  get(webhookId: number): ViewedWebhook | undefined {
    return this.byId.get(webhookId);
  }

  /** Webhooks that list this `<app_label>.<model>` in their `content_types`. */
  forContentType(objectType: string): ViewedWebhook[] {
    return [...(this.byContentType.get(objectType) ?? [])].map((id) => this.byId.get(id)!);
  }

  /** Whether a webhook listing this `<app_label>.<model>` satisfies the test; stops at the first. */
  someForContentType(objectType: string, test: (webhook: ViewedWebhook) => boolean): boolean {
    for (const id of this.byContentType.get(objectType) ?? []) if (test(this.byId.get(id)!)) return true;
    return false;
  }

  all(): IterableIterator<ViewedWebhook> {
    return this.byId.values();
  }

  /** Called with the webhook id after every change (a new definition or a removal). */
  onChange(listener: (webhookId: number) => void): void {
    this.listeners.push(listener);
  }

  private unindex(webhookId: number): void {
    for (const contentType of this.byId.get(webhookId)?.definition.content_types ?? []) {
      this.byContentType.get(contentType)?.delete(webhookId);
    }
  }

  private changed(webhookId: number): void {
    for (const listener of this.listeners) listener(webhookId);
  }
}

function compile(conditions: unknown): CompiledConditions {
  if (isEmptyConditions(conditions)) return { kind: 'always' };
  const parsed = parseConditionSet(conditions);
  return parsed.ok
    ? { kind: 'set', conditionSet: parsed.conditionSet }
    : { kind: 'invalid', message: parsed.message };
}
