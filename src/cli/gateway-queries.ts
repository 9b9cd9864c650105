// Every GraphQL document the CLI sends to a running gateway, in one place (cli/gateway-client.ts
// sends them; dlq, sync and reconcile read the answers with the same printing as their direct path).
// Their shapes follow schema/schema.graphql; a test runs each against a real gateway.

const job = `
  id status entityType entityId system tenant operation attempts maxAttempts payload
  lastError { kind message status code fieldErrors { field message } }
  deadAt createdAt updatedAt`;

/** Dead letters (newest first, as `deadLetters` lists them) and how many match. */
export const deadLettersQuery = `
query CliDeadLetters($filter: DeadLetterFilter, $first: Int!) {
  deadLetters(filter: $filter, first: $first) {
    totalCount
    nodes {${job}
    }
  }
}`;

export const syncJobQuery = `
query CliSyncJob($id: ID!) {
  syncJob(id: $id) {${job}
  }
}`;

export const replayMutation = `
mutation CliReplay($ids: [ID!]!) {
  replayDeadLetters(ids: $ids) {
    jobs {${job}
    }
    userErrors { field code message }
  }
}`;

export const editMutation = `
mutation CliEdit($id: ID!, $payload: JSON!) {
  editDeadLetter(id: $id, payload: $payload) {
    jobs {${job}
    }
    userErrors { field code message }
  }
}`;

/** One read of one entity from one system, waited for. */
export const resyncMutation = `
mutation CliResync($entity: SyncEntity!, $system: SourceSystem!, $full: Boolean!) {
  resync(entity: $entity, system: $system, full: $full, wait: true) {
    started
    report { read applied unchanged linked rejected { externalId reason } }
  }
}`;

/** Jobs still queued or running, per system and entity (a sync run waits for none to be left). */
export const syncStatusQuery = `
query CliSyncStatus {
  syncStatus { system entityType dead pending }
}`;

/** The newest jobs, to report what a run pushed. */
export const recentJobsQuery = `
query CliRecentJobs($first: Int!) {
  syncJobs(first: $first) {
    nodes {${job}
    }
  }
}`;

const book = `documents invoiced outstanding`;
export const reconciliationQuery = `
query CliReconciliation {
  reconciliation {
    checkedAt mismatches
    pagesRead { system pages }
    rows {
      side partyId number name currency matches invoicedDifference outstandingDifference
      nav { ${book} }
      xero { ${book} }
    }
  }
}`;

const tbBook = `accounts debit credit balance entries`;
export const trialBalanceQuery = `
query CliTrialBalance($from: Date!, $to: Date!) {
  trialBalance(from: $from, to: $to) {
    from to mismatches
    navTotals { debit credit }
    xeroTotals { debit credit }
    rows {
      account name navAccounts xeroAccount mapped matches difference
      nav { ${tbBook} }
      xero { ${tbBook} }
    }
  }
}`;

/** The first and last posting dates the mirror holds (the trial balance's default range). */
export const ledgerRangeQuery = `
query CliLedgerRange {
  first: ledgerEntries(first: 1, orderBy: { field: DATE, direction: ASC }) { nodes { postingDate } }
  last: ledgerEntries(first: 1, orderBy: { field: DATE, direction: DESC }) { nodes { postingDate } }
}`;
