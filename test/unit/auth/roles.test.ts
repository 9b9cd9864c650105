// Roles nest, the checker turns a missing or too small role into the right error code, and every
// root field of the API says which role it needs.
import 'reflect-metadata';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { authChecker } from '../../../src/auth/checker.js';
import { rootFieldRoles } from '../../../src/auth/field-roles.js';
import { covers, highestRole, type Actor, type Role } from '../../../src/auth/roles.js';

const actor = (role: Role): Actor => ({ kind: 'key', id: 'k1', name: 'ci', role });
const check = (who: Actor | null, needed: Role) => {
  try {
    return authChecker(
      {
        context: { actor: who },
        info: { fieldName: 'createInvoice' } as GraphQLResolveInfo,
        root: {},
        args: {},
      },
      [needed],
    );
  } catch (error) {
    return (error as GraphQLError).extensions.code;
  }
};

describe('roles', () => {
  it('nest: each includes the ones before it', () => {
    expect(covers('admin', 'viewer')).toBe(true);
    expect(covers('operator', 'accountant')).toBe(true);
    expect(covers('accountant', 'operator')).toBe(false);
    expect(covers('viewer', 'accountant')).toBe(false);
  });

  it('the highest known role in a claim wins; unknown names count for nothing', () => {
    expect(highestRole(['viewer', 'operator', 'accountant'])).toBe('operator');
    expect(highestRole(['superuser', 'viewer'])).toBe('viewer');
    expect(highestRole(['superuser'])).toBeNull();
  });

  it('no actor is UNAUTHENTICATED, too small a role FORBIDDEN, a covering role passes', () => {
    expect(check(null, 'viewer')).toBe('UNAUTHENTICATED');
    expect(check(actor('viewer'), 'accountant')).toBe('FORBIDDEN');
    expect(check(actor('accountant'), 'accountant')).toBe(true);
    expect(check(actor('admin'), 'operator')).toBe(true);
  });
});

describe('every root field', () => {
  it('names the role it needs', async () => {
    const fields = await rootFieldRoles();
    expect(fields.length).toBeGreaterThan(40);
    expect(fields.filter((f) => f.role === null).map((f) => f.field)).toEqual([]);
  });

  it('gives mutations to accountants and sync operations to operators', async () => {
    const role = Object.fromEntries((await rootFieldRoles()).map((f) => [f.field, f.role]));
    expect(role).toMatchObject({
      customers: 'viewer',
      entityChanged: 'viewer',
      createInvoice: 'accountant',
      recordPayment: 'accountant',
      upsertCustomer: 'accountant',
      replayDeadLetters: 'operator',
      resolveConflict: 'operator',
      resync: 'operator',
      refresh: 'operator',
      deadLetterAdded: 'operator',
    });
  });
});
