// Public API of the NAV / Business Central connector.
export { NavConnector, type PaymentResult } from './connector.js';
export type { NavConnectorOptions, PaymentDirection } from './options.js';
export {
  BasicAuth,
  ClientCredentialsAuth,
  NtlmAuth,
  BC_SCOPE,
  type AuthStrategy,
  type ClientCredentialsOptions,
  type NtlmOptions,
} from './auth.js';
export {
  defaultServiceNames,
  defaultPostAction,
  serviceKeys,
  type Dialect,
  type ServiceKey,
} from './services.js';
export { classify } from './errors.js';
export { parseMetadata, findMismatches, type ServiceModel, type ServiceRequirement } from './metadata.js';
export type { ThrottleOptions, Sleep } from './throttle.js';
