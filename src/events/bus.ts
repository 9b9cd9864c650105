// Publishes numbered events to subscribers in this process and, with Redis, in every process.
// The event log in the database is the source of truth: a live message only wakes subscribers,
// which then read the log after the last seq they delivered. That is what makes resume exact.
import { createPubSub, type PubSub, type PubSubEvent } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { EventLog } from '../store/event-log.js';
import type { StoreTx } from '../store/database.js';
import type { LedgerEvent, LedgerEventType, Published } from './types.js';

const topic = 'ledgerbridge.events';
const replayPage = 500;

type Topics = { [topic]: [{ seq: string }] };

export interface SubscribeOptions {
  types?: readonly LedgerEventType[] | null;
  /** Resume after this seq (exclusive); absent means "from now on". */
  after?: string | null;
  filter?: (event: Published) => boolean;
}

export class EventBus {
  private constructor(
    private readonly log: EventLog,
    private readonly pubsub: PubSub<Topics>,
    private readonly closeTransport: () => Promise<void>,
  ) {}

  /** In-process by default; with `redisUrl`, events reach subscribers in every gateway process. */
  static create(log: EventLog, redisUrl?: string): EventBus {
    if (!redisUrl) return new EventBus(log, createPubSub<Topics>(), async () => {});
    const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
    const subscribeClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
    const eventTarget = createRedisEventTarget<PubSubEvent<Topics, typeof topic>>({
      publishClient,
      subscribeClient,
    });
    return new EventBus(log, createPubSub<Topics>({ eventTarget }), async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    });
  }

  /** Records events inside a transaction; call `announce` with the result after it commits. */
  record(events: readonly LedgerEvent[], tx: StoreTx): Promise<Published[]> {
    return this.log.append(events, tx);
  }

  /** Wakes subscribers for events already committed. */
  announce(events: readonly Published[]): void {
    const last = events.at(-1);
    if (last) this.pubsub.publish(topic, { seq: last.seq });
  }

  /** Records and announces events that belong to no larger transaction. */
  async publish(events: readonly LedgerEvent[]): Promise<Published[]> {
    const published = await this.log.publish(events);
    this.announce(published);
    return published;
  }

  /** The seq of the newest event, or "0". */
  async head(): Promise<string> {
    return (await this.log.latestSeq()) ?? '0';
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncGenerator<Published> {
    const wakeUps = this.pubsub.subscribe(topic); // listen before reading, so nothing slips between
    const types = options.types?.length ? options.types : null;
    let last = options.after ?? (await this.head());
    const drain = async function* (this: EventBus): AsyncGenerator<Published> {
      for (;;) {
        const page = await this.log.after(last, types, replayPage);
        for (const event of page) {
          last = event.seq;
          if (!options.filter || options.filter(event)) yield event;
        }
        if (page.length < replayPage) return;
      }
    }.bind(this);
    try {
      yield* drain();
      for await (const wake of wakeUps) {
        if (BigInt(wake.seq) > BigInt(last)) yield* drain();
      }
    } finally {
      await wakeUps.return();
    }
  }

  /** Drops events older than `before` (the retention window); returns how many. */
  prune(before: Date): Promise<number> {
    return this.log.prune(before);
  }

  async close(): Promise<void> {
    await this.closeTransport();
  }
}
