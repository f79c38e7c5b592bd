/** Where a failure was read from. */
export type FailureSource =
  | 'dead-letter' // a letter of <topic>.dlq.<group>, not yet redriven or discarded
  | 'sync-failure' // OdooSyncFailed on odoo.sync (a failed Odoo call the adapter gave up on)
  | 'order-exception' // OrderExceptionRaised on fulfillment.exceptions
  | 'fulfillment-failure' // FulfillmentFailed on fulfillment.shipments (carrier and pick failures)
  | 'purchase-exception' // PurchaseExceptionRaised on odoo.purchases
  | 'order-rejection' // OrderRejected on sales.orders (one failure per reason)
  | 'held'; // a message a consumer holds: its partition's head failed and waits for a retry

/** One failure as triage reads it, before grouping. */
export interface Failure {
  source: FailureSource;
  /** The service that failed: the dead letter's consumer group's service, or the event's producer. */
  service: string;
  /** The topic the failing event came from (a dead letter's origin topic), or the event's topic. */
  topic: string | null;
  eventType: string | null;
  /** The error class or machine code: 'OdooRpcError', 'TIMEOUT', 'CARRIER_UNAVAILABLE', 'UNKNOWN_SKU'. */
  errorClass: string | null;
  /** The message as recorded, ids and numbers included (signature.ts normalises it). */
  message: string;
  odooModel: string | null;
  odooMethod: string | null;
  /** The channel of the order, when known (rejections; letters and events of known orders). */
  channel: string | null;
  orderId: string | null;
  eventId: string | null;
  /** When it failed, epoch ms. */
  at: number;
  /** Where it is: 'dlq:<dlqTopic>/<partition>/<offset>' or '<topic>/<partition>/<offset>'. */
  ref: string;
  /** The dead-letter topic, for letters (what a redrive reads). */
  dlqTopic: string | null;
  /** The consumer group, for letters. */
  group: string | null;
  /** Whether a retry may succeed without a fix, when the source says (OdooSyncFailed.retryable). */
  retryable: boolean | null;
  /** Letters: the dlq-error-class and dlq-error-code headers as written (what a redrive selects on). */
  letterErrorClass?: string | null;
  letterErrorCode?: string | null;
  /** Letters of a redriven event that failed again: the redrive-id it came back with. */
  redriveId?: string | null;
  /** OrderExceptionRaised: the event type that caused it (FulfillmentFailed, OrderCancelled…). */
  causeEventType?: string | null;
}

/** The normalised fields a signature is computed from; equal patterns share a signature. */
export interface FailurePattern {
  source: FailureSource;
  service: string;
  topic: string | null;
  eventType: string | null;
  errorClass: string | null;
  /** The message with ids, numbers, quoted values and timestamps replaced by placeholders. */
  message: string;
  odooModel: string | null;
  odooMethod: string | null;
}

/** What waits behind a group: the stages of the order's way that cannot happen until it is fixed. */
export interface BlastRadius {
  /** e.g. ['Odoo sale order', 'delivery validation in Odoo', 'invoice posted in Odoo']. */
  waitingStages: string[];
  /** Orders of the group per their current status in order-intake (unknown orders left out). */
  ordersByStatus: Record<string, number>;
}

export interface FailureGroup {
  /** 12 hex characters of a hash of the pattern. */
  signature: string;
  pattern: FailurePattern;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** Distinct order ids affected, sorted. */
  orderIds: string[];
  /** Order totals of the affected orders in minor units, per currency (from order-intake). */
  moneyMinor: Record<string, number>;
  /** The first failure of the group, verbatim. */
  sample: Failure;
  /** Channels of the affected orders with counts (a cause confined to one channel shows here). */
  channels: Record<string, number>;
  blastRadius: BlastRadius;
  /** Still-open dead letters per dead-letter topic (what a redrive would send back). */
  dlqTopics: Record<string, number>;
}

/** A platform signal: recorded by a service (platform_signals) or derived by triage. */
export interface Signal {
  at: number;
  /** SERVICE_STARTED, CIRCUIT_OPENED, CIRCUIT_CLOSED, KAFKA_UNREACHABLE, KAFKA_REACHABLE,
   * REGISTRY_UNREACHABLE, REGISTRY_REACHABLE, SCHEMA_REGISTERED, VERSION_CHANGED, LAG_GROWING,
   * ERROR_SPIKE, FLOW_ANOMALY (an open set). */
  kind: string;
  /** The service that saw it ('triage' for derived ones). */
  service: string;
  /** What it is about: 'odoo', 'carrier', 'kafka', 'registry', a subject, a group, an error code. */
  subject: string;
  detail: string | null;
  origin: 'recorded' | 'derived';
}

/** A candidate cause of a group, ranked by score (0..1), with the evidence in words. */
export interface ChangeCandidate {
  signal: Signal;
  score: number;
  evidence: string[];
}

export type ActionKind =
  'WAIT_AND_REDRIVE' | 'REDRIVE_AFTER_FIX' | 'REPLAY_WINDOW' | 'DISCARD' | 'ESCALATE';

/** An earlier executed action on the same signature, from the audit log. */
export interface PastAction {
  auditId: string;
  kind: ActionKind;
  at: number;
  actor: string;
  /** True when no failure of the signature was open after it, until the group came back (if ever). */
  resolved: boolean;
  /** How it was judged, in words. */
  judgedBy?: string;
}

/** The runbook action triage proposes for a group; nothing runs without an operator's --execute. */
export interface ProposedAction {
  kind: ActionKind;
  /** Why this action, in words (the features of the group and what history says). */
  why: string;
  /** Preconditions the operator must check first ("Odoo answers", "SKU mapped"), possibly empty. */
  before: string[];
  /** The exact command that executes it, and the one that previews it. */
  command: string;
  dryRun: string;
  /** Earlier actions on the same signature, newest first. */
  history: PastAction[];
  /** `o2c-ops triage act <signature> ...`: the same action, audited with the signature. */
  act: string;
}

/** A group with what changed around its start and the action proposed. */
export interface TriagedGroup extends FailureGroup {
  changes: ChangeCandidate[];
  proposal: ProposedAction;
}
