// Start-up: reads $metadata once and checks every service and field the connector uses (see
// requirements.ts), that the id fields can hold our id, and finds the company's root URL (BC: the
// company's id, by its name when given a name).
import { ConnectorError } from '../errors.js';
import type { MasterEntity, NavContext } from './context.js';
import { assertModel, maxLength, parseMetadata, type ServiceModel } from './metadata.js';
import { keyPredicate, queryString } from './odata.js';
import { requirements } from './requirements.js';

/** Longest id written into a masterDataIdField (the write's idempotency key, e.g. `customer:<id>:resolve:<id>`). */
const ID_FIELD_LENGTH = 100;

/** The service model the $metadata document describes. */
export async function readModel(cx: NavContext): Promise<ServiceModel> {
  const res = await cx.http.request('GET', `${cx.options.baseUrl}/$metadata`);
  const xml = res.text;
  return parseMetadata(xml);
}

/** Every service and field we use is published, and every id field holds our id. */
export function checkModel(cx: NavContext, model: ServiceModel): void {
  assertModel(model, requirements(cx));
  assertIdFieldsLongEnough(cx, model);
}

/** The company's root URL: NAV `…/Company('<name>')/`, BC `…/companies(<id>)/`. */
export async function companyRoot(cx: NavContext): Promise<string> {
  if (cx.options.dialect === 'nav-odata-v4') {
    return `${cx.options.baseUrl}/Company(${keyPredicate([['Name', cx.options.company]]).slice(1, -1)})/`;
  }
  const id = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(cx.options.company)
    ? cx.options.company
    : await companyIdByName(cx, cx.options.company);
  return `${cx.options.baseUrl}/companies(${id})/`;
}

/** An id field must hold our id (the idempotency key): a shorter one would refuse every create. */
function assertIdFieldsLongEnough(cx: NavContext, model: ServiceModel): void {
  const short = Object.entries(cx.options.masterDataIdField ?? {}).flatMap(([entity, field]) => {
    const service = cx.serviceName(entity as MasterEntity);
    const max = maxLength(model, service, field);
    return max !== undefined && max < ID_FIELD_LENGTH
      ? [`field '${field}' of service '${service}' (${entity} id field) holds ${max} characters`]
      : [];
  });
  if (short.length)
    throw new ConnectorError(
      'validation',
      `NAV/BC metadata does not match the connector configuration: ${short.join('; ')} (our id needs ${ID_FIELD_LENGTH}: make it a Text[${ID_FIELD_LENGTH}])`,
      {
        system: 'NAV',
        code: 'MetadataMismatch',
        fieldErrors: short.map((message) => ({ field: '', message })),
      },
    );
}

async function companyIdByName(cx: NavContext, name: string): Promise<string> {
  const url = `${cx.options.baseUrl}/companies${queryString({ filter: { name }, select: ['id', 'name'] })}`;
  const rows = await cx.http.all(url);
  const id = (rows[0] as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') {
    throw new ConnectorError('validation', `company '${name}' not found`, {
      system: 'NAV',
      code: 'Internal_CompanyNotFound',
    });
  }
  return id;
}
