-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('PENDING', 'RUNNING', 'SUCCEEDED', 'DEAD', 'CANCELLED');

-- CreateEnum
CREATE TYPE "JobOperation" AS ENUM ('UPSERT', 'VOID', 'DELETE', 'POST');

-- CreateEnum
CREATE TYPE "ConflictStatus" AS ENUM ('OPEN', 'RESOLVED');

-- CreateTable
CREATE TABLE "sync_job" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "entity_type" "EntityType" NOT NULL,
    "entity_id" UUID NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "tenant" TEXT NOT NULL,
    "operation" "JobOperation" NOT NULL DEFAULT 'UPSERT',
    "payload" JSONB NOT NULL,
    "payload_hash" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "ordering_key" TEXT NOT NULL,
    "depends_on_id" UUID,
    "status" "JobStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 8,
    "run_after" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_by" TEXT,
    "locked_until" TIMESTAMPTZ(3),
    "last_error" JSONB,
    "outcome_unknown" BOOLEAN NOT NULL DEFAULT false,
    "dead_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_attempt" (
    "id" UUID NOT NULL,
    "job_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "worker_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" TEXT NOT NULL,
    "error_kind" TEXT,
    "message" TEXT,
    "upstream" JSONB,

    CONSTRAINT "sync_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_event" (
    "id" UUID NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "tenant" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "entity_type" "EntityType" NOT NULL,
    "external_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "inbox_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_cursor" (
    "system" "SourceSystem" NOT NULL,
    "tenant" TEXT NOT NULL,
    "entity_type" "EntityType" NOT NULL,
    "cursor" JSONB,
    "last_run_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_cursor_pkey" PRIMARY KEY ("system","tenant","entity_type")
);

-- CreateTable
CREATE TABLE "sync_conflict" (
    "id" UUID NOT NULL,
    "entity_type" "EntityType" NOT NULL,
    "entity_id" UUID NOT NULL,
    "system" "SourceSystem" NOT NULL,
    "tenant" TEXT NOT NULL,
    "fields" TEXT[],
    "local" JSONB NOT NULL,
    "remote" JSONB NOT NULL,
    "status" "ConflictStatus" NOT NULL DEFAULT 'OPEN',
    "resolution" TEXT,
    "resolved_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "sync_conflict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_log" (
    "seq" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_log_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "mutation_record" (
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "input_hash" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mutation_record_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "sync_job_seq_key" ON "sync_job"("seq");

-- CreateIndex
CREATE INDEX "sync_job_status_run_after_idx" ON "sync_job"("status", "run_after");

-- CreateIndex
CREATE INDEX "sync_job_ordering_key_seq_idx" ON "sync_job"("ordering_key", "seq");

-- CreateIndex
CREATE INDEX "sync_job_entity_type_entity_id_idx" ON "sync_job"("entity_type", "entity_id");

-- CreateIndex
CREATE UNIQUE INDEX "sync_attempt_job_id_attempt_key" ON "sync_attempt"("job_id", "attempt");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_event_dedupe_key_key" ON "inbox_event"("dedupe_key");

-- CreateIndex
CREATE INDEX "inbox_event_processed_at_received_at_idx" ON "inbox_event"("processed_at", "received_at");

-- CreateIndex
CREATE INDEX "sync_conflict_status_created_at_idx" ON "sync_conflict"("status", "created_at");

-- CreateIndex
CREATE INDEX "sync_conflict_entity_type_entity_id_idx" ON "sync_conflict"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "event_log_created_at_idx" ON "event_log"("created_at");

-- AddForeignKey
ALTER TABLE "sync_attempt" ADD CONSTRAINT "sync_attempt_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "sync_job"("id") ON DELETE CASCADE ON UPDATE CASCADE;
