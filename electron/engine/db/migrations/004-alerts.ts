/** 004: watch rules, channels (with encrypted secrets), decided alerts, the durable outbox and the audit log. */
import type { Migration } from '../migrations';

/** Alerts schema: alert_channels, alert_rules, alerts, alert_story_state, alert_outbox, alert_audit. */
export const m004Alerts: Migration = {
  version: 4,
  name: 'alerts',
  up(db) {
    db.exec(`
      -- A configured destination: an SMTP server, a webhook, a Matrix room or the desktop.
      -- config holds non-secret settings (JSON); the password/token lives in secret, encoded by
      -- the injected codec (Electron safeStorage in the app) and named by secret_scheme.
      CREATE TABLE alert_channels (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('smtp','webhook','matrix','desktop')),
        config TEXT NOT NULL DEFAULT '{}',
        secret TEXT,
        secret_scheme TEXT,
        rate_per_min INTEGER,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- A watch rule: filters (query, sources, source types, entities) + tiers of thresholds, each
      -- tier with its severity; recipients (emails) and channel ids. watermark_item_id is the
      -- highest item id the rule has looked at: older items never fire it (quiet restart).
      CREATE TABLE alert_rules (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        definition TEXT NOT NULL,
        watermark_item_id INTEGER NOT NULL DEFAULT 0,
        created_by TEXT NOT NULL DEFAULT 'analyste',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- A decided alert (from a rule or a manual push). payload is the rendered message model.
      CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        origin TEXT NOT NULL CHECK (origin IN ('rule','manual')),
        rule_id INTEGER REFERENCES alert_rules(id) ON DELETE SET NULL,
        item_id INTEGER,
        story_key TEXT,
        severity TEXT NOT NULL CHECK (severity IN ('info','urgent','flash')),
        tier INTEGER NOT NULL DEFAULT 0,
        is_update INTEGER NOT NULL DEFAULT 0,
        previous_alert_id INTEGER,
        subject TEXT NOT NULL,
        payload TEXT NOT NULL,
        comment TEXT,
        actor TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX alerts_created ON alerts(created_at);
      CREATE INDEX alerts_item ON alerts(item_id);

      -- What each rule already said about each story: the dedup/escalation memory.
      CREATE TABLE alert_story_state (
        rule_id INTEGER NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
        story_key TEXT NOT NULL,
        severity_rank INTEGER NOT NULL,
        tier INTEGER NOT NULL,
        last_alert_id INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (rule_id, story_key)
      ) WITHOUT ROWID;

      -- The durable outbox: one row per delivery (alert x channel x recipient), written in the
      -- transaction that decides the alert. idem_key is the idempotency key every receiver sees
      -- (Matrix txnId, webhook Idempotency-Key, email Message-ID, desktop notification tag).
      CREATE TABLE alert_outbox (
        id INTEGER PRIMARY KEY,
        alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        channel_id INTEGER REFERENCES alert_channels(id) ON DELETE SET NULL,
        channel_kind TEXT NOT NULL,
        recipient TEXT NOT NULL,
        idem_key TEXT NOT NULL UNIQUE,
        severity_rank INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_at INTEGER,
        last_error_code TEXT,
        last_error_message TEXT,
        provider_ref TEXT,
        sent_at TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX alert_outbox_due ON alert_outbox(status, next_attempt_at);
      CREATE INDEX alert_outbox_alert ON alert_outbox(alert_id);

      -- Who pushed what, when, to whom, through which channel, and the delivery result.
      CREATE TABLE alert_audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        alert_id INTEGER,
        outbox_id INTEGER,
        item_id INTEGER,
        channel TEXT,
        recipient TEXT,
        severity TEXT,
        result TEXT,
        detail TEXT
      );
      CREATE INDEX alert_audit_at ON alert_audit(at);
    `);
  },
};
