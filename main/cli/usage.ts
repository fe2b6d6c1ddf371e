// The `seller-desk` usage text. The README quotes it; keep them in step.

export const COMMAND_USAGE = {
  serve: 'seller-desk serve [--port N] [--demo] [--open] [--endpoint URL] [--ak AK] [--sk-stdin] [--data-dir DIR]',
  sim: 'seller-desk sim [--port N] [--seed S] [--orders N] [--db FILE] [--now ISO|MS] [--token T] [--quiet] [--data-dir DIR]',
  'account set': 'seller-desk account set [--endpoint URL] [--ak AK] [--sk-stdin] [--demo] [--data-dir DIR]',
  sync: 'seller-desk sync [--demo] [--data-dir DIR]',
  'orders list':
    'seller-desk orders list [--status S[,S…]] [--stage S[,S…]] [--search TEXT] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N] [--json] [--demo] [--data-dir DIR]',
  'orders show': 'seller-desk orders show ORDER_LINE_ID [--json] [--demo] [--data-dir DIR]',
  'orders import': 'seller-desk orders import --id ORDER_ID [--demo] [--data-dir DIR]',
  // Seller actions through the outbox.
  'requests accept': 'seller-desk requests accept ORDER_LINE_ID [--demo] [--data-dir DIR]',
  'requests reject': 'seller-desk requests reject ORDER_LINE_ID --reason TEXT [--demo] [--data-dir DIR]',
  appeal:
    'seller-desk appeal ORDER_LINE_ID --reason TEXT [--unreachable] [--attach CATEGORY=PATH]… [--demo] [--data-dir DIR]',
  'unsubscription review':
    'seller-desk unsubscription review ORDER_LINE_ID --decision agree|reject --comments TEXT [--attach CATEGORY=PATH]… [--demo] [--data-dir DIR]',
  'outbox list': 'seller-desk outbox list [--state S[,S…]] [--all] [--json] [--demo] [--data-dir DIR]',
  'outbox requeue': 'seller-desk outbox requeue ID [--demo] [--data-dir DIR]',
  'outbox discard': 'seller-desk outbox discard ID --reason TEXT [--demo] [--data-dir DIR]',
  // Delivery proofs and the statement of work.
  sow: 'seller-desk sow ORDER_LINE_ID --out FILE.pdf [--draft ID] [--demo] [--data-dir DIR]',
  'proof export': 'seller-desk proof export ORDER_LINE_ID --out FILE.zip [--draft ID] [--demo] [--data-dir DIR]',
  'proof submit': 'seller-desk proof submit ORDER_LINE_ID --from proof.json [--demo] [--data-dir DIR]',
  // docs/diagnostics.md: logs, versions and checks in one ZIP for support.
  diagnostics: 'seller-desk diagnostics --out FILE.zip [--demo] [--data-dir DIR]',
  // docs/rules.md B1–B5: settlement bills.
  'bills list': 'seller-desk bills list [--period YYYYMM] [--currency CNY|USD] [--json] [--demo] [--data-dir DIR]',
  'bills show': 'seller-desk bills show BILL_ID [--revision N] [--json] [--demo] [--data-dir DIR]',
  'bills why': 'seller-desk bills why ORDER_LINE_ID [--json] [--demo] [--data-dir DIR]',
  'bills export':
    'seller-desk bills export BILL_ID (--csv FILE | --xlsx FILE | --pdf FILE) [--revision N] [--demo] [--data-dir DIR]',
  // docs/architecture.md "Data": backups, the full check, restore and recovery of the local database.
  'db backup': 'seller-desk db backup [--demo] [--data-dir DIR]',
  'db check': 'seller-desk db check [--json] [--demo] [--data-dir DIR]',
  'db restore': 'seller-desk db restore [--from FILE] [--demo] [--data-dir DIR]',
  'db recover': 'seller-desk db recover [--json] [--demo] [--data-dir DIR]',
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

export const USAGE = `Seller Desk — the marketplace seller's order desk, from the command line.

Usage:
  ${COMMAND_USAGE.serve}
      Serve the app to a browser on 127.0.0.1 (prints the URL with its access token).
      --demo runs the built-in demo marketplace in-process, with its own data folder.
      --endpoint, --ak and --sk-stdin connect to a marketplace first, as 'account set' does (not with --demo):
        printf '%s' "$SK" | seller-desk serve --endpoint https://… --ak AK --sk-stdin
  ${COMMAND_USAGE.sim}
      Run the marketplace simulator on its own (default 127.0.0.1:8787, 300 demo order lines, seed 1,
      in memory unless --db or --data-dir is given); prints its URL, AK, SK and control token.
  ${COMMAND_USAGE['account set']}
      Connect to a marketplace. The secret key is read from standard input, never from the command line:
        printf '%s' "$SK" | seller-desk account set --endpoint https://… --ak AK --sk-stdin
  ${COMMAND_USAGE.sync}
      Send the queued seller actions (the outbox), then pull order lines, templates, settlement bills and the
      account once; print a summary. Malformed feed items are skipped: "N items skipped" on stderr, exit 3.
  ${COMMAND_USAGE['orders list']}
      List cached order lines (newest first; default limit 50). --json prints them as stored: a JSON
      array of the marketplace's order-line objects.
  ${COMMAND_USAGE['orders show']}
      Show one cached order line; --json prints the marketplace's order-line object as stored.
  ${COMMAND_USAGE['orders import']}
      Fetch one order by id through the Open API order query and cache it (marked as imported).
  ${COMMAND_USAGE['requests accept']}
  ${COMMAND_USAGE['requests reject']}
      Accept a customer's request, or return it for modification with a reason (1–2000 characters).
      Allowed only in stage request_pending and while no appeal is open (S3, S5a). Queued: prints the
      outbox item id; 'seller-desk sync' sends it.
  ${COMMAND_USAGE.appeal}
      Appeal to the marketplace (any open stage, none already open). --unreachable says the customer
      cannot be reached: then a commitment_letter attachment is required (S5). CATEGORY is one of
      request, acceptance, license_validity, deployment, sow, receipt, commitment_letter, other;
      PDF, PNG, JPEG, DOC/DOCX, XLS/XLSX or ZIP by content, at most 20 MiB a file and 20 files (P3).
  ${COMMAND_USAGE['unsubscription review']}
      Agree to or reject a customer's pending unsubscription (refund) request, with comments (S5c).
  ${COMMAND_USAGE['outbox list']}
      Queued actions and what became of them (newest first): state, tries, the marketplace's last answer.
      --state filters (queued, sending, unknown, acked, rejected, conflict); --all includes discarded ones.
  ${COMMAND_USAGE['outbox requeue']}
  ${COMMAND_USAGE['outbox discard']}
      Send a rejected or conflicting action again (with a new idempotency key), or drop it; the reason
      for a discard is recorded.
  ${COMMAND_USAGE.sow}
      Write the statement of work (PDF, Chinese and English) of an order: from --draft, else the order's
      latest delivery-proof draft, else an empty draft view of its template. Works offline.
  ${COMMAND_USAGE['proof export']}
      Write the proof package (the SOW PDF, every attachment and manifest.json with SHA-256s) of a draft
      (default: the order's latest), for uploading by hand through the marketplace's web console.
  ${COMMAND_USAGE['proof submit']}
      Create a draft from proof.json — { "enablingTime": ISO time or null, "content": { key: value },
      "attachments": [ { "category", "path" } ] } (paths relative to the file) — validate it against the
      template like the app does (each problem on its own line, exit 1, nothing queued) and queue the
      delivery; 'seller-desk sync' delivers it.
  ${COMMAND_USAGE.diagnostics}
      Write a ZIP for support: the recent log files (<data dir>/logs, redacted again), app and OS versions,
      the settings without the AK/SK, the database's quick check and row counts, and the outbox by state.
  ${COMMAND_USAGE['bills list']}
      The archived settlement bills (latest revision of each, newest month first) with their net payable and
      what the latest revision changed. --json: an array of bills (see the README's "--json shapes").
  ${COMMAND_USAGE['bills show']}
      One bill (default: its latest revision) with every line and total checked against B2a, the B3 split
      of each refund (settlement, deposit, owed by the seller) and its revisions. --json: the bill exactly as
      received plus an "explanation" object.
  ${COMMAND_USAGE['bills why']}
      Which bills an order line is on and why then (B1) — or every reason it is not billed yet (B4).
  ${COMMAND_USAGE['bills export']}
      Write one archived bill (default: its latest revision) as CSV (UTF-8 with BOM, one row per line), XLSX
      (typed numbers and dates; a totals sheet with the B2a checks and the B3 refund breakdown) or PDF
      (Chinese and English). Works offline, from the local archive.
  ${COMMAND_USAGE['db backup']}
      Back up the local database now into <profile>/backups (checked after writing: it opens and passes
      quick_check). Backups are also made before every migration and once a day; the newest 7 are kept.
  ${COMMAND_USAGE['db check']}
      The full check: quick_check of every table, every stored JSON value, drafts and actions made since the
      last backup that the database no longer has; lists the backups. Exit 1 when anything is wrong.
  ${COMMAND_USAGE['db restore']}
      Put back the latest backup that passes its check (or FILE). The database it replaces is kept: backed
      up when healthy, else moved aside as damaged-<time>.db.
  ${COMMAND_USAGE['db recover']}
      Save what can still be read of a damaged or missing database — drafts, queued and sent actions,
      attachments whose files exist, every bill revision, settings — into a new one (rows it no longer has
      come from the latest backup), move the damaged file aside as damaged-<time>.db, and say per table what
      was saved and lost, naming each lost draft and action. The order-line cache is pulled again at the
      next sync. Every other command refuses a missing, empty or damaged database (exit 1) and names these two.

Options:
  --data-dir DIR   (every command) the app data folder (default: the OS app-data folder, or
                   $SELLER_DESK_DATA_DIR); a real account's data is kept in DIR/account, the demo's in DIR/demo
  --demo           (every command but serve and sim) use the demo profile's data instead of the real account's
  -h, --help       show this help

Exit status: 0 success, 1 failure (one-line reason on stderr; also when a list skipped a damaged row, each one
named on stderr, or the database needs 'db restore' / 'db recover'), 2 bad usage, 3 sync succeeded but skipped
malformed feed items ("N items skipped" on stderr).`;
