// Accepting a sales order through the API: checked as an invoice would be (dates named as an
// order names them), then written as an open order with one job per target, after its customer
// and items.
import type { LedgerEvent } from '../../../events/types.js';
import type { Job } from '../../../store/outbox.js';
import { zodErrors, type TargetSystem } from '../change-support.js';
import { jobUpdatedEvent } from '../../runtime/job-events.js';
import { serializeRecord } from '../payloads.js';
import { salesOrderInputSchema } from '../documents/inputs.js';
import { documentPrerequisites, itemNumbersOf } from '../documents/parties.js';
import type { DocumentChecks } from '../documents/checks.js';
import type { DocumentChangeDeps, Prepared } from '../documents/change-deps.js';

export async function prepareSalesOrder(
  deps: DocumentChangeDeps,
  checks: DocumentChecks,
  input: unknown,
  systems: TargetSystem[],
): Promise<Prepared> {
  const parsed = salesOrderInputSchema.safeParse(input);
  if (!parsed.success) return zodErrors(parsed.error, ['input']);
  const order = parsed.data;
  const checked = await checks.checkDocument(
    'invoice',
    null,
    {
      ...order,
      issueDate: order.orderDate,
      dueDate: order.requestedDate,
      status: 'DRAFT',
      vendorInvoiceNumber: null,
      currencyRate: null,
    },
    systems,
    (number) => deps.salesOrders.numberTaken(number),
  );
  if ('errors' in checked)
    return checked.errors.map((e) => ({
      ...e,
      field: e.field.map((f) => (f === 'issueDate' ? 'orderDate' : f === 'dueDate' ? 'requestedDate' : f)),
    }));
  return async (tx) => {
    const saved = await deps.salesOrders.create(
      tx,
      checked.document,
      order.requestedDate,
      systems.length ? 'PENDING' : 'LOCAL_ONLY',
    );
    const jobs: Job[] = [];
    for (const system of systems) {
      const tenant = deps.targets[system] as string;
      const first = await documentPrerequisites(
        deps,
        tx,
        {
          party: { entity: 'customer', id: checked.document.partyId },
          itemNumbers: itemNumbersOf(checked.document),
        },
        system,
        tenant,
      );
      jobs.push(...first.created);
      jobs.push(
        ...(await deps.outbox.enqueue(tx, [
          {
            entityType: 'SALES_ORDER',
            entityId: saved.id,
            system,
            tenant,
            payload: serializeRecord(checked.document),
            idempotencyKey: `salesOrder:${saved.id}:${system}`,
            dependsOn: first.dependsOn,
          },
        ])),
      );
    }
    const events: LedgerEvent[] = [
      {
        type: 'ENTITY_CHANGED',
        entityType: 'SALES_ORDER',
        entityId: saved.id,
        change: 'CREATED',
        source: 'GATEWAY',
      },
      ...jobs.map(jobUpdatedEvent),
    ];
    return { recordId: saved.id, jobs, events };
  };
}
