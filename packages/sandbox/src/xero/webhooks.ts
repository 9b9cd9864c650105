// Webhooks as Xero sends them: events batched into one POST, the raw body signed with HMAC-SHA256
// under the webhook key (base64, header x-xero-signature), retried with back-off until the receiver
// answers 2xx. Subscribing runs Xero's intent-to-receive check first: a request with a wrong
// signature must get 401 and a correctly signed one 200 with an empty body.
import { createHmac, randomInt } from 'node:crypto';
import type { PendingEvent } from './state.js';

export interface WebhookConfig {
  url: string;
  key: string;
}

export interface WebhookFaults {
  /** Deliver every batch twice. */
  duplicate: boolean;
  /** Hold each batch back and deliver it after the next one. */
  outOfOrder: boolean;
}

export interface Delivery {
  firstEventSequence: number;
  lastEventSequence: number;
  events: number;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  lastStatus?: number;
}

/** Default back-off between attempts (Xero retries over hours; tests pass shorter delays). */
export const DEFAULT_RETRY_DELAYS_MS = [5_000, 60_000, 5 * 60_000, 30 * 60_000, 60 * 60_000];
const RECEIVER_TIMEOUT_MS = 5_000;
const CATEGORY_PATH = { CONTACT: 'Contacts', INVOICE: 'Invoices', CREDITNOTE: 'CreditNotes' } as const;

export function sign(body: string, key: string): string {
  return createHmac('sha256', key).update(body).digest('base64');
}

function entropy(): string {
  return Array.from({ length: 20 }, () => String.fromCharCode(65 + randomInt(26))).join('');
}

/** Xero's eventDateUtc: ISO with milliseconds and no zone designator. */
function eventDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '');
}

export class WebhookDispatcher {
  config: WebhookConfig | undefined;
  active = false;
  faults: WebhookFaults = { duplicate: false, outOfOrder: false };
  readonly deliveries: Delivery[] = [];
  private sequence = 0;
  private held: (() => void) | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly baseUrl: () => string,
    public retryDelaysMs: number[] = DEFAULT_RETRY_DELAYS_MS,
  ) {}

  /** Configures the subscription and runs the intent-to-receive handshake. */
  async subscribe(config: WebhookConfig): Promise<{ status: 'OK' | 'FAILED'; detail: string }> {
    this.config = config;
    this.active = false;
    const body = JSON.stringify({
      events: [],
      firstEventSequence: 0,
      lastEventSequence: 0,
      entropy: entropy(),
    });
    const bad = await this.post(config.url, body, sign(body, `${config.key}x`));
    if (bad.status !== 401)
      return {
        status: 'FAILED',
        detail: `Expected 401 for an invalid signature, got ${bad.status || bad.error}`,
      };
    const good = await this.post(config.url, body, sign(body, config.key));
    if (good.status !== 200)
      return {
        status: 'FAILED',
        detail: `Expected 200 for a valid signature, got ${good.status || good.error}`,
      };
    if (good.text !== '') return { status: 'FAILED', detail: 'Expected an empty response body' };
    this.active = true;
    return { status: 'OK', detail: 'Intent to receive validated' };
  }

  unsubscribe(): void {
    this.config = undefined;
    this.active = false;
  }

  /** Sends one batch with the events a committed request produced. */
  publish(tenantId: string, events: PendingEvent[]): void {
    if (!this.active || !this.config || events.length === 0 || this.closed) return;
    const base = this.baseUrl();
    const first = this.sequence + 1;
    const payload = {
      events: events.map((e) => ({
        resourceUrl: `${base}/api.xro/2.0/${CATEGORY_PATH[e.category]}/${e.resourceId}`,
        resourceId: e.resourceId,
        eventDateUtc: eventDate(e.atMs),
        eventType: e.type,
        eventCategory: e.category,
        tenantId,
        tenantType: 'ORGANISATION',
      })),
      firstEventSequence: first,
      lastEventSequence: first + events.length - 1,
      entropy: entropy(),
    };
    this.sequence += events.length;
    const body = JSON.stringify(payload);
    const config = this.config;
    const send = (): Promise<void> => {
      const delivery: Delivery = {
        firstEventSequence: first,
        lastEventSequence: payload.lastEventSequence,
        events: events.length,
        attempts: 0,
        status: 'pending',
      };
      this.deliveries.push(delivery);
      const firstTry = this.attempt(config, body, delivery);
      if (this.faults.duplicate) {
        const dup: Delivery = { ...delivery, attempts: 0, status: 'pending' };
        this.deliveries.push(dup);
        return Promise.all([firstTry, this.attempt(config, body, dup)]).then(() => undefined);
      }
      return firstTry;
    };
    if (this.faults.outOfOrder) {
      const previous = this.held;
      if (previous) {
        this.held = undefined;
        // The newer batch goes first; the held one follows once it has been tried.
        const later = send().then(previous);
        this.inFlight.add(later);
        void later.finally(() => this.inFlight.delete(later));
      } else {
        this.held = () => void send();
      }
      return;
    }
    void send();
  }

  /** Delivers a batch held back by the out-of-order fault. */
  releaseHeld(): void {
    const h = this.held;
    this.held = undefined;
    h?.();
  }

  /** Makes one delivery attempt (scheduling retries); resolves when this attempt has finished. */
  private attempt(config: WebhookConfig, body: string, delivery: Delivery): Promise<void> {
    if (this.closed) return Promise.resolve();
    delivery.attempts += 1;
    const p = this.post(config.url, body, sign(body, config.key)).then((r) => {
      delivery.lastStatus = r.status;
      if (r.status >= 200 && r.status < 300) {
        delivery.status = 'delivered';
        return;
      }
      const delay = this.retryDelaysMs[delivery.attempts - 1];
      if (delay === undefined || this.closed) {
        delivery.status = 'failed';
        return;
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.attempt(config, body, delivery);
      }, delay);
      this.timers.add(timer);
    });
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return p;
  }

  private async post(
    url: string,
    body: string,
    signature: string,
  ): Promise<{ status: number; text: string; error?: string }> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-xero-signature': signature },
        body,
        signal: AbortSignal.timeout(RECEIVER_TIMEOUT_MS),
      });
      return { status: res.status, text: await res.text() };
    } catch (err) {
      return { status: 0, text: '', error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Resolves when no delivery attempt is running or scheduled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0) {
      await Promise.race([...this.inFlight, new Promise((r) => setTimeout(r, 5))]);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}
