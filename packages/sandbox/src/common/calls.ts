// Counts every upstream call a sandbox serves, per tenant (Xero organisation / NAV company) and per
// endpoint, so tests and benchmarks can assert exact call counts.
import type { Request, RequestHandler } from 'express';

export interface CallCounts {
  total: number;
  byEndpoint: Record<string, number>;
}

export class CallLog {
  private readonly tenants = new Map<string, CallCounts>();

  record(tenant: string, endpoint: string): void {
    let counts = this.tenants.get(tenant);
    if (!counts) {
      counts = { total: 0, byEndpoint: {} };
      this.tenants.set(tenant, counts);
    }
    counts.total += 1;
    counts.byEndpoint[endpoint] = (counts.byEndpoint[endpoint] ?? 0) + 1;
  }

  /** Express middleware counting every request it sees, under the tenant and endpoint `key` names. */
  middleware(key: (req: Request) => [tenant: string, endpoint: string]): RequestHandler {
    return (req, _res, next) => {
      const [tenant, endpoint] = key(req);
      this.record(tenant, endpoint);
      next();
    };
  }

  snapshot(): { total: number; tenants: Record<string, CallCounts> } {
    const tenants: Record<string, CallCounts> = {};
    let total = 0;
    for (const [tenant, counts] of this.tenants) {
      tenants[tenant] = { total: counts.total, byEndpoint: { ...counts.byEndpoint } };
      total += counts.total;
    }
    return { total, tenants };
  }

  reset(): void {
    this.tenants.clear();
  }
}
