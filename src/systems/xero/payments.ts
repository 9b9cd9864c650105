// Payment writes for the Xero connector. Xero creates payments (PUT /Payments, batches of ≤ 50 with
// summarizeErrors=false) and never changes one except to delete it (POST /Payments/{id} with Status
// DELETED). Xero keeps an Idempotency-Key for minutes only, so a create whose earlier attempt may
// have landed (outcomeUnknown, or a dropped answer) is first looked up by its natural key: the same
// invoice or bill, amount, date and reference, not deleted — and not one the caller says is another
// record's (two instalments of one invoice can share that key).
import type { PaymentDraft, RemoteRecord, WriteRequest, WriteResult } from '../system.js';
import { ConnectorError } from '../errors.js';
import type { XeroApi } from './client.js';
import { elementError } from './errors.js';
import { MappingError } from './mapper-common.js';
import { paymentFromWire, paymentToWire, type WirePayment } from './mapper-payments.js';
import type { RawPayment } from './raw.js';
import { chunk, chunkClauses, hashKey, mappingFailure, whereString } from './write-support.js';

type Result = WriteResult<'payment'>;
type PaymentRecord = RemoteRecord<'payment'>;

/** Invoice clauses per GET /Payments `where`: keeps the request line well under 2,048 characters. */
const LOOKUP_CLAUSES = 15;
const LOOKUP_PAGE_SIZE = 1000;

const sameText = (a: string | null | undefined, b: string | null | undefined): boolean =>
  (a?.trim() || null) === (b?.trim() || null);

function sameDocument(record: PaymentRecord, invoice: WirePayment['invoice']): boolean {
  const doc = record.data.document;
  if ('invoiceID' in invoice) return doc.externalId?.toLowerCase() === invoice.invoiceID.toLowerCase();
  return record.data.direction === 'RECEIVED' && doc.number === invoice.invoiceNumber;
}

/** The natural key: same document, amount, date and reference, and not deleted. */
export function sameNaturalKey(record: PaymentRecord, wire: WirePayment, draft: PaymentDraft): boolean {
  return (
    record.active &&
    sameDocument(record, wire.invoice) &&
    record.data.amount.eq(draft.amount) &&
    record.data.paymentDate === draft.paymentDate &&
    sameText(record.data.reference, draft.reference)
  );
}

/** What a payment says, for telling a replay of it from an attempt to change it. */
function sameContent(now: PaymentDraft, wanted: PaymentDraft): boolean {
  const doc = wanted.document;
  return (
    now.amount.eq(wanted.amount) &&
    now.paymentDate === wanted.paymentDate &&
    sameText(now.reference, wanted.reference) &&
    (!wanted.accountCode || now.accountCode === wanted.accountCode) &&
    (doc.externalId
      ? now.document.externalId?.toLowerCase() === doc.externalId.toLowerCase()
      : // A bill's number is its Reference, which Xero's payment does not carry.
        wanted.direction === 'MADE' || !doc.number || now.document.number === doc.number)
  );
}

const conflict = (message: string, code: string): ConnectorError =>
  new ConnectorError('conflict', message, { system: 'XERO', code });

export class XeroPaymentWriter {
  constructor(
    private readonly api: XeroApi,
    private readonly sizes: { write: number; read: number },
  ) {}

  async write(requests: readonly WriteRequest<'payment'>[]): Promise<Result[]> {
    const results: (Result | undefined)[] = new Array<Result | undefined>(requests.length).fill(undefined);
    const fail = (i: number, error: ConnectorError) => {
      results[i] = { ok: false, error };
    };
    const all = requests.map((_, i) => i);

    // 1. Payments Xero already holds: delete, or confirm that nothing is to change.
    const known = all.filter((i) => requests[i]?.externalId);
    if (known.length) await this.settleKnown(known, requests, results);

    // 2. New payments: a delete needs something to delete; bills are resolved to their InvoiceID.
    const creates = all.filter((i) => !results[i] && !requests[i]?.externalId);
    for (const i of creates)
      if (requests[i]?.data.status === 'DELETED')
        fail(
          i,
          mappingFailure(
            new MappingError('externalId', 'a payment can only be deleted by its Xero PaymentID'),
          ),
        );
    const billIds = await this.resolveBills(
      creates.filter((i) => !results[i]),
      requests,
      results,
    );
    const wires: (WirePayment | undefined)[] = requests.map((req, i) => {
      if (results[i] || req.externalId) return undefined;
      try {
        return paymentToWire(req.data, billIds.get(i));
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        fail(i, mappingFailure(error));
        return undefined;
      }
    });

    // 3. An earlier attempt may have landed: the payment found by its natural key is the result.
    const unsure = all.filter((i) => wires[i] && requests[i]?.outcomeUnknown === true);
    if (unsure.length) {
      try {
        await this.adoptExisting(unsure, requests, wires, results);
      } catch (error) {
        if (!(error instanceof ConnectorError)) throw error;
        for (const i of unsure) if (!results[i]) fail(i, error);
      }
    }

    // 4. Create the rest in batches of ≤ 50.
    const pending = all.filter((i) => wires[i] && !results[i]);
    for (const part of chunk(pending, this.sizes.write)) await this.send(part, requests, wires, results);
    return results.map(
      (r): Result =>
        r ?? {
          ok: false,
          error: new ConnectorError('unknown-outcome', 'no result recorded', { system: 'XERO' }),
        },
    );
  }

  /** Payments by PaymentID, lowercased id → record (one GET /Payments per chunk of ids). */
  async byIds(ids: readonly string[]): Promise<Map<string, PaymentRecord>> {
    const out = new Map<string, PaymentRecord>();
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    const term = (id: string) => `PaymentID==Guid(${whereString(id)})`;
    for (const part of chunkClauses(unique, term, this.sizes.read)) {
      const where = part.map(term).join(' OR ');
      const res = await this.api.getPayments({
        where,
        page: 1,
        pageSize: part.length,
        priority: 'interactive',
      });
      for (const p of res.items) {
        const r = paymentFromWire(p);
        if (unique.includes(r.externalId.toLowerCase())) out.set(r.externalId.toLowerCase(), r);
      }
    }
    return out;
  }

  private async settleKnown(
    indices: number[],
    requests: readonly WriteRequest<'payment'>[],
    results: (Result | undefined)[],
  ): Promise<void> {
    let current: Map<string, PaymentRecord>;
    try {
      current = await this.byIds(indices.map((i) => requests[i]?.externalId as string));
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      for (const i of indices) results[i] = { ok: false, error };
      return;
    }
    const deletes: number[] = [];
    for (const i of indices) {
      const req = requests[i] as WriteRequest<'payment'>;
      const id = req.externalId as string;
      const now = current.get(id.toLowerCase());
      const deleting = req.data.status === 'DELETED';
      if (!now)
        results[i] = { ok: false, error: conflict(`payment ${id} no longer exists in Xero`, 'NotFound') };
      else if (deleting && !now.active) results[i] = { ok: true, created: false, record: now };
      else if (req.version && now.version !== req.version)
        results[i] = {
          ok: false,
          error: conflict(`payment ${id} changed in Xero since version ${req.version}`, 'StaleVersion'),
        };
      else if (deleting) deletes.push(i);
      else if (!now.active)
        results[i] = { ok: false, error: conflict(`payment ${id} has been deleted in Xero`, 'Deleted') };
      else if (sameContent(now.data, req.data)) results[i] = { ok: true, created: false, record: now };
      else
        results[i] = {
          ok: false,
          error: conflict(
            `payment ${id}: Xero cannot change a payment, only delete it; delete it and create a new one`,
            'PaymentImmutable',
          ),
        };
    }
    for (const i of deletes) results[i] = await this.delete(requests[i] as WriteRequest<'payment'>);
  }

  private async delete(req: WriteRequest<'payment'>): Promise<Result> {
    const id = req.externalId as string;
    try {
      const raw = await this.api.deletePayment({
        paymentId: id,
        idempotencyKey: hashKey(['payment-delete', req.idempotencyKey]),
      });
      if (raw.statusAttributeString === 'ERROR' || raw.validationErrors?.length)
        return {
          ok: false,
          error: elementError(
            (raw.validationErrors ?? []).map((v) => v.message ?? ''),
            'POST /Payments/{PaymentID}',
          ),
        };
      return { ok: true, created: false, record: paymentFromWire(raw) };
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      // Refused or unanswered: if the payment is deleted now (an earlier attempt did it), that is the result.
      if (error.kind === 'validation' || error.kind === 'unknown-outcome') {
        const now = await this.byIds([id]).catch((lookup: unknown) => {
          if (lookup instanceof ConnectorError) return new Map<string, PaymentRecord>();
          throw lookup;
        });
        const record = now.get(id.toLowerCase());
        if (record && !record.active) return { ok: true, created: false, record };
      }
      return { ok: false, error };
    }
  }

  /**
   * Bill payments referenced by our number only: Xero has no unique bill number (InvoiceNumber is the
   * vendor's), so the bill is found by its Reference (one GET /Invoices per chunk) and paid by InvoiceID.
   */
  private async resolveBills(
    indices: number[],
    requests: readonly WriteRequest<'payment'>[],
    results: (Result | undefined)[],
  ): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    const wanted = indices.filter((i) => {
      const d = requests[i]?.data;
      return d?.direction === 'MADE' && !d.document.externalId && d.document.number;
    });
    const numberOf = (i: number) => requests[i]?.data.document.number as string;
    const found = new Map<string, string[]>();
    const usable = wanted.filter((i) => {
      try {
        whereString(numberOf(i));
        return true;
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        results[i] = { ok: false, error: mappingFailure(new MappingError('document.number', error.message)) };
        return false;
      }
    });
    try {
      const term = (n: string) => `Reference==${whereString(n)}`;
      const reserved = encodeURIComponent('Type=="ACCPAY" AND Status!="DELETED" AND ()').length;
      for (const part of chunkClauses([...new Set(usable.map(numberOf))], term, LOOKUP_CLAUSES, {
        reserved,
      })) {
        const refs = part.map(term).join(' OR ');
        const res = await this.api.getInvoices({
          where: `Type=="ACCPAY" AND Status!="DELETED" AND (${refs})`,
          pageSize: LOOKUP_PAGE_SIZE,
          priority: 'interactive',
        });
        for (const inv of res.items)
          if (inv.reference && inv.invoiceID)
            found.set(inv.reference, [...(found.get(inv.reference) ?? []), inv.invoiceID]);
      }
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      for (const i of usable) results[i] = { ok: false, error };
      return out;
    }
    for (const i of usable) {
      const ids = found.get(numberOf(i)) ?? [];
      if (ids.length === 1) out.set(i, ids[0] as string);
      else
        results[i] = {
          ok: false,
          error: mappingFailure(
            new MappingError(
              'document',
              ids.length
                ? `${ids.length} bills in Xero have the Reference "${numberOf(i)}": pay it by its InvoiceID`
                : `no bill with the Reference "${numberOf(i)}" in Xero`,
            ),
          ),
        };
    }
    return out;
  }

  /** Creates whose payment already exists (by natural key) resolve to it, each found payment once. */
  private async adoptExisting(
    indices: readonly number[],
    requests: readonly WriteRequest<'payment'>[],
    wires: readonly (WirePayment | undefined)[],
    results: (Result | undefined)[],
  ): Promise<void> {
    const clauses = new Set<string>();
    const open = indices.filter((i) => {
      const inv = wires[i]?.invoice;
      if (results[i] || !inv) return false;
      try {
        clauses.add(
          'invoiceID' in inv
            ? `Invoice.InvoiceID==Guid(${whereString(inv.invoiceID)})`
            : `Invoice.InvoiceNumber==${whereString(inv.invoiceNumber)}`,
        );
        return true;
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        // It cannot be looked up, so it cannot be sent again safely either.
        results[i] = { ok: false, error: mappingFailure(new MappingError('document.number', error.message)) };
        return false;
      }
    });
    if (!open.length) return;
    const candidates: PaymentRecord[] = [];
    const reserved = encodeURIComponent('Status!="DELETED" AND ()').length;
    for (const part of chunkClauses([...clauses], (c) => c, LOOKUP_CLAUSES, { reserved })) {
      const where = `Status!="DELETED" AND (${part.join(' OR ')})`;
      for (let page = 1; ; page += 1) {
        const res = await this.api.getPayments({
          where,
          order: 'UpdatedDateUTC ASC',
          page,
          pageSize: LOOKUP_PAGE_SIZE,
          priority: 'interactive',
        });
        candidates.push(...res.items.map(paymentFromWire));
        const done = res.pageCount !== null ? page >= res.pageCount : res.items.length < LOOKUP_PAGE_SIZE;
        if (done) break;
      }
    }
    const taken = new Set<string>();
    for (const i of open) {
      const req = requests[i] as WriteRequest<'payment'>;
      const elsewhere = new Set((req.linkedElsewhere ?? []).map((id) => id.toLowerCase()));
      const hit = candidates.find(
        (r) =>
          !taken.has(r.externalId) &&
          !elsewhere.has(r.externalId.toLowerCase()) &&
          sameNaturalKey(r, wires[i] as WirePayment, req.data),
      );
      if (hit) {
        taken.add(hit.externalId);
        results[i] = { ok: true, created: false, record: hit };
      }
    }
  }

  private async send(
    indices: number[],
    requests: readonly WriteRequest<'payment'>[],
    wires: readonly (WirePayment | undefined)[],
    results: (Result | undefined)[],
    attempt = 1,
  ): Promise<void> {
    const key = hashKey(['payment', ...indices.map((i) => requests[i]?.idempotencyKey ?? '')]);
    let answers: RawPayment[];
    try {
      answers = await this.api.createPayments({
        payments: indices.map((i) => wires[i] as WirePayment),
        idempotencyKey: key,
      });
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      if (error.kind === 'unknown-outcome' && attempt === 1) {
        // The batch may have been committed: what is found by natural key is not sent again.
        try {
          await this.adoptExisting(indices, requests, wires, results);
        } catch (lookup) {
          if (!(lookup instanceof ConnectorError)) throw lookup;
          for (const i of indices) if (!results[i]) results[i] = { ok: false, error };
          return;
        }
        const again = indices.filter((i) => !results[i]);
        if (again.length) await this.send(again, requests, wires, results, attempt + 1);
        return;
      }
      for (const i of indices) results[i] = { ok: false, error };
      return;
    }
    indices.forEach((i, n) => {
      const el = answers[n];
      if (!el) {
        results[i] = {
          ok: false,
          error: new ConnectorError('unknown-outcome', 'Xero answered fewer elements than sent', {
            system: 'XERO',
          }),
        };
        return;
      }
      if (el.statusAttributeString === 'ERROR' || el.validationErrors?.length) {
        results[i] = {
          ok: false,
          error: elementError(
            (el.validationErrors ?? []).map((v) => v.message ?? ''),
            `PUT /Payments #${i}`,
          ),
        };
        return;
      }
      try {
        results[i] = { ok: true, created: true, record: paymentFromWire(el) };
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        results[i] = {
          ok: false,
          error: new ConnectorError('unknown-outcome', `Xero's answer could not be read: ${error.message}`, {
            system: 'XERO',
          }),
        };
      }
    });
  }
}
