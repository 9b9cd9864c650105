// The NAV sandbox's demo user: how demo mode, the tests and the benchmarks connect to the built-in
// NAV simulator's OData V4 service.
import { BasicAuth, NavConnector, type ThrottleOptions } from './index.js';

/** The NAV sandbox's OData V4 service for `company`, with its demo user. */
export function connectSandboxNav(options: {
  url: string;
  company: string;
  throttle?: ThrottleOptions;
}): Promise<NavConnector> {
  return NavConnector.connect({
    dialect: 'nav-odata-v4',
    baseUrl: `${options.url}/DynamicsNAV110/ODataV4`,
    company: options.company,
    auth: new BasicAuth('ADMIN', 'sandbox'),
    localCurrency: 'GBP',
    globalDimensions: ['DEPARTMENT', 'AREA'],
    ...(options.throttle ? { throttle: options.throttle } : {}),
  });
}
